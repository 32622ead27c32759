/** Statistics for paired latency samples: percentiles, and the median of paired differences with a distribution-free CI. */

/** Nearest-rank percentile of an ascending array. */
export function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface MedianCi {
  median: number;
  lo: number;
  hi: number;
  p5: number;
  p95: number;
}

/**
 * Median of `diffs` with its 95 % confidence interval from order statistics (the binomial interval for a
 * median: 1-based ranks n/2 − 1.96·√n/2 and 1 + n/2 + 1.96·√n/2), which assumes nothing about the shape.
 */
export function medianWithCi(diffs: number[]): MedianCi {
  const s = [...diffs].sort((a, b) => a - b);
  const n = s.length;
  const half = (1.96 * Math.sqrt(n)) / 2;
  const lo = Math.max(0, Math.floor(n / 2 - half) - 1);
  const hi = Math.min(n - 1, Math.ceil(n / 2 + half));
  return { median: pct(s, 50), lo: s[lo]!, hi: s[hi]!, p5: pct(s, 5), p95: pct(s, 95) };
}
