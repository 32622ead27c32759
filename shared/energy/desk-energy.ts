/**
 * Today's energy across the desk: one row per machine (each from its own ledger) and the total. A
 * machine whose energy is unknown is named, never counted as 0; costs add up only in one currency.
 */

/** An amount in a currency (the contract's Money; declared here so energy does not import the contract). */
export interface DeskMoney {
  amount: number;
  currency: string;
}

/** What a row needs of the contract's EnergyTotals. */
export interface DeskEnergyTotals {
  kWh: number;
  cost: DeskMoney | null;
}

/** One machine's energy today; `today` is null when it was not seen. */
export interface DeskEnergyRow {
  name: string;
  today: DeskEnergyTotals | null;
}

/** The desk's total of the machines whose energy is known. */
export interface DeskEnergyTotal {
  kWh: number;
  /** The summed cost; null when no machine has one, or when they are in different currencies (`costMixed`). */
  cost: DeskMoney | null;
  costMixed: boolean;
  /** Machines left out of the total because their energy is unknown. */
  unknown: string[];
}

/** Add up the known rows; name the unknown ones. */
export function sumDeskEnergy(rows: readonly DeskEnergyRow[]): DeskEnergyTotal {
  let kWh = 0;
  const unknown: string[] = [];
  const costs: DeskMoney[] = [];
  for (const row of rows) {
    if (!row.today) {
      unknown.push(row.name);
      continue;
    }
    kWh += row.today.kWh;
    if (row.today.cost) costs.push(row.today.cost);
  }
  const currencies = new Set(costs.map((c) => c.currency));
  const costMixed = currencies.size > 1;
  const cost =
    costs.length > 0 && !costMixed
      ? { amount: costs.reduce((sum, c) => sum + c.amount, 0), currency: costs[0]!.currency }
      : null;
  return { kWh, cost, costMixed, unknown };
}
