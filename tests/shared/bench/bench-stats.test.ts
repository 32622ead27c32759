import { describe, expect, it } from 'vitest';
import { median, summarize } from '../../../shared/bench/bench-stats';

describe('bench statistics', () => {
  it('takes the median of odd and even counts, skipping non-finite values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([NaN, 5, Infinity])).toBe(5);
    expect(median([])).toBeNull();
  });

  it('summarizes median, range and relative spread, ignoring nulls', () => {
    const s = summarize([100, null, 90, 110, undefined]);
    expect(s).toEqual({ median: 100, min: 90, max: 110, spreadPercent: 20, samples: 3 });
  });

  it('has no spread for a single value and nothing for no values', () => {
    expect(summarize([42]).spreadPercent).toBeNull();
    expect(summarize([null, null])).toEqual({ median: null, min: null, max: null, spreadPercent: null, samples: 0 });
  });
});
