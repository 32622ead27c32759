/**
 * From the energy ledger's reports (shared/energy/energy-report) to the contract's shapes: the
 * at-a-glance summary (today, 7 and 30 days, by state, idle waste) and reports, including a by-state view.
 */
import type {
  EnergyReport as ContractReport,
  EnergyReportRow,
  EnergySummary,
  EnergyTotals,
  Money,
} from '../../../../shared/contract';
import type { EnergyReport, ReportRow } from '../../../../shared/energy/energy-report';
import { localParts } from '../../../../shared/energy/report-period';

const DAY_MS = 86_400_000;
const STATES = ['idleEmpty', 'loadedIdle', 'inferring'] as const;

/** The local day ("YYYY-MM-DD") `daysBack` days before the day holding `nowMs`. */
export function localDayBefore(nowMs: number, daysBack: number): string {
  // Step back from local noon so a DST change cannot skip or repeat a day.
  const noon = new Date(nowMs);
  noon.setHours(12, 0, 0, 0);
  return localParts(noon.getTime() - daysBack * DAY_MS).day;
}

/** Local midnight `daysBack` days before today (Unix ms). */
export function localMidnightBefore(nowMs: number, daysBack: number): number {
  const d = new Date(nowMs);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - daysBack);
  return d.getTime();
}

function money(amount: number | null, currency: string): Money | null {
  return amount === null ? null : { amount, currency };
}

/** Sum day rows into totals; cost stays null when no row was priced. */
function totals(rows: ReportRow[], currency: string): EnergyTotals {
  const priced = rows.filter((r) => r.cost !== null);
  const co2 = rows.filter((r) => r.co2Grams !== null);
  return {
    kWh: rows.reduce((s, r) => s + r.kWh, 0),
    cost: priced.length ? { amount: priced.reduce((s, r) => s + (r.cost ?? 0), 0), currency } : null,
    co2Grams: co2.length ? co2.reduce((s, r) => s + (r.co2Grams ?? 0), 0) : null,
  };
}

/** The summary from one 30-day report grouped by day. */
export function summarizeEnergy(byDay: EnergyReport, nowMs: number): EnergySummary {
  const { currency } = byDay.cost;
  const today = localDayBefore(nowMs, 0);
  const weekStart = localDayBefore(nowMs, 6);
  const todayRows = byDay.rows.filter((r) => r.key === today);
  const todayTotals = totals(todayRows, currency);
  const waste = todayRows.reduce((s, r) => s + r.idleWasteKWh, 0);
  const pricePerKWh = todayTotals.cost && todayTotals.kWh > 0 ? todayTotals.cost.amount / todayTotals.kWh : null;
  return {
    today: todayTotals,
    week: totals(
      byDay.rows.filter((r) => r.key >= weekStart),
      currency,
    ),
    month: totals(byDay.rows, currency),
    todayByState: Object.fromEntries(
      STATES.map((s) => [s, todayRows.reduce((sum, r) => sum + r.kWhByState[s], 0)]),
    ) as EnergySummary['todayByState'],
    // Priced at today's average price: the ledger prices energy, not waste, minute by minute.
    idleWasteToday: {
      kWh: waste,
      cost: pricePerKWh === null ? null : { amount: waste * pricePerKWh, currency },
      co2Grams: null,
    },
    method: byDay.kWh > 0 ? byDay.method : null,
  };
}

function toRow(r: ReportRow, currency: string): EnergyReportRow {
  return {
    key: r.key,
    label: r.label,
    kWh: r.kWh,
    cost: money(r.cost, currency),
    co2Grams: r.co2Grams,
    kWhByState: r.kWhByState,
    seconds: r.seconds,
    idleWasteKWh: r.idleWasteKWh,
    avgW: r.avgW,
    peakW: r.peakW,
  };
}

/** A report in the contract's shape; `byState` folds the rows into one row per state. */
export function toContractReport(report: EnergyReport, byState: boolean): ContractReport {
  const { currency } = report.cost;
  const rows = byState ? stateRows(report.rows) : report.rows.map((r) => toRow(r, currency));
  return {
    from: report.from,
    to: report.to,
    kWh: report.kWh,
    cost: money(report.cost.amount, currency),
    co2Grams: report.co2Grams,
    method: report.kWh > 0 ? report.method : null,
    gaps: report.gaps.map((g) => ({ from: g.from, to: g.to, seconds: g.seconds, reason: g.reason })),
    rows,
  };
}

function stateRows(rows: ReportRow[]): EnergyReportRow[] {
  const zero = { idleEmpty: 0, loadedIdle: 0, inferring: 0 };
  return STATES.map((state) => {
    const kWh = rows.reduce((s, r) => s + r.kWhByState[state], 0);
    const seconds = rows.reduce((s, r) => s + r.seconds[state], 0);
    return {
      key: state,
      label: state,
      kWh,
      cost: null,
      co2Grams: null,
      kWhByState: { ...zero, [state]: kWh },
      seconds: { ...zero, [state]: seconds },
      // Waste is measured against the idle baseline over both idle states together, not per state.
      idleWasteKWh: null,
      avgW: seconds > 0 ? (kWh * 3_600_000) / seconds : null,
      peakW: null,
    };
  });
}
