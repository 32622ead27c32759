/**
 * Another machine's energy report, from the contract's shape (`energy.report` of its agent) back to the
 * ledger report `loadout energy` prints here, so `energy --machine NAME` shows the same table and JSON.
 * The contract does not carry the per-row request counts (null here, as for a row without requests) nor a
 * gap's GPU (empty here).
 */
import type { EnergyReport as ContractReport } from '../../shared/contract';
import type { EnergyReport } from '../../shared/energy/energy-report';

/** The agent's report in the local report's shape; `currency` names the money when the agent priced nothing. */
export function fromContractReport(report: ContractReport, currency: string): EnergyReport {
  const priced = report.cost ?? report.rows.find((r) => r.cost)?.cost ?? null;
  return {
    from: report.from,
    to: report.to,
    kWh: report.kWh,
    cost: { amount: report.cost?.amount ?? null, currency: priced?.currency ?? currency },
    co2Grams: report.co2Grams,
    // A report with no energy has no method there; here the integration is the one that measured nothing.
    method: report.method ?? 'power-integration',
    // Nor which GPU a gap was on: the table counts gaps and their seconds only.
    gaps: report.gaps.map((g) => ({ gpu: '', ...g })),
    rows: report.rows.map((r) => {
      const idle = r.kWhByState.idleEmpty + r.kWhByState.loadedIdle;
      return {
        key: r.key,
        label: r.label,
        kWh: r.kWh,
        cost: r.cost?.amount ?? null,
        co2Grams: r.co2Grams,
        kWhByState: r.kWhByState,
        seconds: r.seconds,
        idleShare: r.kWh > 0 ? Math.round((idle / r.kWh) * 10_000) / 10_000 : 0,
        idleWasteKWh: r.idleWasteKWh ?? 0,
        avgW: r.avgW,
        peakW: r.peakW,
        requests: null,
      };
    }),
  };
}
