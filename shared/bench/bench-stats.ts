/** Statistics over repeated measurements: the median (robust to one slow outlier) and the spread. */

/** The median and spread of one figure over the repetitions. */
export interface MeasureStats {
  /** Null when there was nothing to measure. */
  median: number | null;
  min: number | null;
  max: number | null;
  /** (max − min) / median, in percent: how far apart the repetitions were; null with fewer than 2 values. */
  spreadPercent: number | null;
  /** How many values the figures come from. */
  samples: number;
}

/** Median of finite numbers; null for none. */
export function median(values: readonly number[]): number | null {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median, min, max and relative spread of the finite values among `values` (nulls and NaN are skipped). */
export function summarize(values: ReadonlyArray<number | null | undefined>): MeasureStats {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return { median: null, min: null, max: null, spreadPercent: null, samples: 0 };
  const m = median(finite)!;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const spreadPercent = finite.length > 1 && m !== 0 ? ((max - min) / Math.abs(m)) * 100 : null;
  return { median: m, min, max, spreadPercent, samples: finite.length };
}
