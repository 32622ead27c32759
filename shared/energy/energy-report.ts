/**
 * Shapes ledger aggregates into the energy report that `loadout energy` prints and the tray shows:
 * kWh, cost, CO2e, time and energy per state, idle waste above the GPU's baseline, grouped by day,
 * week, month, preset or model. Pure: the ledger does the SQL, this does the arithmetic.
 */
import { idleWasteJoules } from './idle-baseline';
import type { EnergyMethod } from './types';

export const REPORT_GROUPINGS = ['day', 'week', 'month', 'preset', 'model'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

/** One aggregate from the ledger: a local day, GPU, preset and set of loaded models. */
export interface LedgerAggregate {
  day: string;
  gpuKey: string;
  presetId: string | null;
  modelKeys: string[];
  energyJ: number;
  /** Σ kWh × price over the minutes that had a price. */
  cost: number;
  /** Energy (J) in minutes with no price (no tariff set). */
  unpricedJ: number;
  seconds: { idleEmpty: number; loadedIdle: number; inferring: number };
  joules: { idleEmpty: number; loadedIdle: number; inferring: number };
  peakW: number;
  coveredMs: number;
  powerIntegratedJ: number;
}

/** Per-request totals for one model, from the request records. */
export interface RequestAggregate {
  model: string;
  day: string;
  presetId: string | null;
  count: number;
  tokens: number;
  energyJ: number;
}

export interface ReportGap {
  gpu: string;
  from: string;
  to: string;
  seconds: number;
  reason: string;
}

export interface ReportRow {
  key: string;
  label: string;
  kWh: number;
  cost: number | null;
  co2Grams: number | null;
  kWhByState: { idleEmpty: number; loadedIdle: number; inferring: number };
  seconds: { idleEmpty: number; loadedIdle: number; inferring: number };
  /** Share of the energy spent while nothing was inferring (0–1). */
  idleShare: number;
  /** Idle energy above the GPU's idle baseline: what unloading would have saved. */
  idleWasteKWh: number;
  avgW: number | null;
  peakW: number | null;
  requests: { count: number; tokens: number; whPer1kTokens: number | null } | null;
}

/** The report; its top-level keys are the `loadout energy --json` contract. */
export interface EnergyReport {
  from: string;
  to: string;
  kWh: number;
  cost: { amount: number | null; currency: string };
  co2Grams: number | null;
  method: EnergyMethod;
  gaps: ReportGap[];
  rows: ReportRow[];
}

export interface ReportInput {
  fromMs: number;
  toMs: number;
  by: ReportGrouping;
  aggregates: LedgerAggregate[];
  requests: RequestAggregate[];
  gaps: ReportGap[];
  /** Idle baseline (W) per GPU key. */
  baselines: Record<string, number>;
  currency: string;
  /** Whether any price is set (a tariff or time-of-use slots); without one, costs are null, not zero. */
  priced: boolean;
  /** g CO2e per kWh, or null. */
  gridIntensity: number | null;
  presetNames: Record<string, string>;
}

const J_PER_KWH = 3_600_000;
/** The key (and JSON label) of the row for time with no active preset; each face shows it in its language. */
export const NO_PRESET_KEY = '(no preset)';
/** The key (and JSON label) of the row for time with no model loaded. */
export const NO_MODEL_KEY = '(no model loaded)';

/** Monday (YYYY-MM-DD) of the week holding a local day "YYYY-MM-DD". */
export function weekOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  const back = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - back);
  return date.toISOString().slice(0, 10);
}

function groupKeys(a: { day: string; presetId: string | null }, by: ReportGrouping, models: string[]): string[] {
  switch (by) {
    case 'day':
      return [a.day];
    case 'week':
      return [weekOf(a.day)];
    case 'month':
      return [a.day.slice(0, 7)];
    case 'preset':
      return [a.presetId ?? NO_PRESET_KEY];
    case 'model':
      return models.length > 0 ? models : [NO_MODEL_KEY];
  }
}

interface Acc {
  energyJ: number;
  cost: number;
  unpricedJ: number;
  wasteJ: number;
  coveredMs: number;
  peakW: number;
  seconds: { idleEmpty: number; loadedIdle: number; inferring: number };
  joules: { idleEmpty: number; loadedIdle: number; inferring: number };
  requests: { count: number; tokens: number; energyJ: number } | null;
}

function newAcc(): Acc {
  return {
    energyJ: 0,
    cost: 0,
    unpricedJ: 0,
    wasteJ: 0,
    coveredMs: 0,
    peakW: 0,
    seconds: { idleEmpty: 0, loadedIdle: 0, inferring: 0 },
    joules: { idleEmpty: 0, loadedIdle: 0, inferring: 0 },
    requests: null,
  };
}

/** Build the report from ledger aggregates (pure). */
export function shapeEnergyReport(input: ReportInput): EnergyReport {
  const groups = new Map<string, Acc>();
  let total = newAcc();
  let powerIntegratedJ = 0;
  for (const a of input.aggregates) {
    const keys = groupKeys(a, input.by, a.modelKeys);
    // A minute shared by several loaded models is split evenly between them.
    const share = input.by === 'model' ? 1 / keys.length : 1;
    const baseline = input.baselines[a.gpuKey] ?? 0;
    const waste = idleWasteJoules(
      a.joules.idleEmpty + a.joules.loadedIdle,
      a.seconds.idleEmpty + a.seconds.loadedIdle,
      baseline,
    );
    powerIntegratedJ += a.powerIntegratedJ;
    for (const key of keys) {
      const g = groups.get(key) ?? newAcc();
      groups.set(key, g);
      addTo(g, a, share, waste);
    }
    total = addTo(total, a, 1, waste);
  }
  for (const r of input.requests) {
    const key = input.by === 'model' ? r.model : groupKeys(r, input.by, [r.model])[0];
    if (key === undefined) continue;
    const g = groups.get(key) ?? newAcc();
    groups.set(key, g);
    g.requests ??= { count: 0, tokens: 0, energyJ: 0 };
    g.requests.count += r.count;
    g.requests.tokens += r.tokens;
    g.requests.energyJ += r.energyJ;
  }
  const rows = [...groups.entries()]
    .map(([key, g]) => toRow(key, labelFor(key, input), g, input.gridIntensity, input.priced))
    .sort((x, y) => (['day', 'week', 'month'].includes(input.by) ? x.key.localeCompare(y.key) : y.kWh - x.kWh));
  const kWh = total.energyJ / J_PER_KWH;
  return {
    from: new Date(input.fromMs).toISOString(),
    to: new Date(input.toMs).toISOString(),
    kWh: round(kWh, 6),
    cost: { amount: !input.priced || total.unpricedJ > 1e-6 ? null : round(total.cost, 4), currency: input.currency },
    co2Grams: input.gridIntensity === null ? null : round(kWh * input.gridIntensity, 3),
    method: powerIntegratedJ > 0 || total.energyJ === 0 ? 'power-integration' : 'counter',
    gaps: input.gaps,
    rows,
  };
}

function addTo(g: Acc, a: LedgerAggregate, share: number, wasteJ: number): Acc {
  g.energyJ += a.energyJ * share;
  g.cost += a.cost * share;
  g.unpricedJ += a.unpricedJ * share;
  g.wasteJ += wasteJ * share;
  g.coveredMs += a.coveredMs * share;
  g.peakW = Math.max(g.peakW, a.peakW);
  for (const s of ['idleEmpty', 'loadedIdle', 'inferring'] as const) {
    g.seconds[s] += a.seconds[s] * share;
    g.joules[s] += a.joules[s] * share;
  }
  return g;
}

function labelFor(key: string, input: ReportInput): string {
  if (input.by === 'preset') return input.presetNames[key] ?? key;
  return key;
}

function toRow(key: string, label: string, g: Acc, gridIntensity: number | null, priced: boolean): ReportRow {
  const kWh = g.energyJ / J_PER_KWH;
  const idleJ = g.joules.idleEmpty + g.joules.loadedIdle;
  const req = g.requests;
  return {
    key,
    label,
    kWh: round(kWh, 6),
    cost: !priced || g.unpricedJ > 1e-6 ? null : round(g.cost, 4),
    co2Grams: gridIntensity === null ? null : round(kWh * gridIntensity, 3),
    kWhByState: {
      idleEmpty: round(g.joules.idleEmpty / J_PER_KWH, 6),
      loadedIdle: round(g.joules.loadedIdle / J_PER_KWH, 6),
      inferring: round(g.joules.inferring / J_PER_KWH, 6),
    },
    seconds: {
      idleEmpty: round(g.seconds.idleEmpty, 1),
      loadedIdle: round(g.seconds.loadedIdle, 1),
      inferring: round(g.seconds.inferring, 1),
    },
    idleShare: g.energyJ > 0 ? round(idleJ / g.energyJ, 4) : 0,
    idleWasteKWh: round(g.wasteJ / J_PER_KWH, 6),
    avgW: g.coveredMs > 0 ? round(g.energyJ / (g.coveredMs / 1000), 2) : null,
    peakW: g.coveredMs > 0 ? round(g.peakW, 2) : null,
    requests: req
      ? {
          count: req.count,
          tokens: req.tokens,
          whPer1kTokens: req.tokens > 0 ? round(req.energyJ / 3600 / (req.tokens / 1000), 4) : null,
        }
      : null,
  };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
