/**
 * What a delegation cost here and what it kept off the cloud bill: the local cost is its energy at the
 * tariff of the minute it ended (time-of-use slots included, as the energy reports price minutes); the
 * cloud cost avoided prices its tokens at `mcp.cloudPrice`, for answered asks only (a decline saved nothing).
 */
import { localParts } from '../energy/report-period';
import { priceAt } from '../energy/tariff';
import type { Settings } from '../settings/schema';

/** The parts of an ask the money depends on. */
export interface DelegationMoneyInput {
  at: number;
  answered: boolean;
  energyWh: number | null;
  promptTokens: number;
  completionTokens: number;
}

/** Both amounts, in the energy ledger's currency. */
export interface DelegationMoney {
  /** Null without a reading or without a tariff. */
  costLocal: number | null;
  /** Null for an ask that was not answered. */
  cloudCostAvoided: number | null;
}

/** Price one delegation with the user's tariff and cloud price. */
export function delegationMoney(
  input: DelegationMoneyInput,
  settings: Pick<Settings, 'energy' | 'mcp'>,
): DelegationMoney {
  const local = localParts(input.at);
  const price = priceAt(local.minute, local.dow, settings.energy.tariff, settings.energy.timeOfUse);
  const costLocal = input.energyWh === null || price === null ? null : (input.energyWh / 1000) * price;
  const { inputPerMTok, outputPerMTok } = settings.mcp.cloudPrice;
  const cloudCostAvoided = input.answered
    ? (input.promptTokens / 1e6) * inputPerMTok + (input.completionTokens / 1e6) * outputPerMTok
    : null;
  return { costLocal, cloudCostAvoided };
}

/** What delegating saved: the cloud cost avoided less the local cost; null without a cloud price. */
export function delegationSaving(cloudCostAvoided: number | null, costLocal: number | null): number | null {
  return cloudCostAvoided === null ? null : cloudCostAvoided - (costLocal ?? 0);
}
