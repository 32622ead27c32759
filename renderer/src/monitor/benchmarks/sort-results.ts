/** Sorting the benchmark table: by speed, first-token latency, energy per token, rating or date; unknowns last. */
import type { BenchResult } from '../../../../shared/bench/bench-record';

export type BenchSortKey = 'speed' | 'latency' | 'energy' | 'rating' | 'date';
export interface BenchSort {
  key: BenchSortKey;
  descending: boolean;
}

/** The value a column sorts by; null sorts last either way. */
export function sortValue(r: BenchResult, key: BenchSortKey): number | null {
  switch (key) {
    case 'speed':
      return r.summary.tokensPerSecond.median;
    case 'latency':
      return r.summary.ttftMs.median;
    case 'energy':
      return r.energy.whPer1kTokens;
    case 'rating':
      return r.human.rating;
    default:
      return Date.parse(r.startedAt);
  }
}

/** The natural first direction: fastest, quickest, most frugal, best rated, newest first. */
export function defaultDescending(key: BenchSortKey): boolean {
  return key === 'speed' || key === 'rating' || key === 'date';
}

/** A sorted copy. */
export function sortResults(results: readonly BenchResult[], sort: BenchSort): BenchResult[] {
  return [...results].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x === null || y === null) return x === y ? b.id - a.id : x === null ? 1 : -1;
    return (sort.descending ? y - x : x - y) || b.id - a.id;
  });
}
