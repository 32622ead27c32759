import { describe, expect, it } from 'vitest';
import { medianWithCi, pct } from '../../bench/_paired-stats';

describe('paired latency statistics (bench/endpoint)', () => {
  it('takes nearest-rank percentiles, so p99 of 100 values is the 99th, not the maximum', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(pct(values, 50)).toBe(50);
    expect(pct(values, 99)).toBe(99);
    expect(pct(values, 100)).toBe(100);
    expect(pct([7], 99)).toBe(7);
  });

  it('gives the median of the differences with the order-statistic 95 % interval around it', () => {
    // 1..1000 shuffled: median 500; ranks 500 ± 1.96·√1000/2 ≈ ±31 bound the interval.
    const diffs = Array.from({ length: 1000 }, (_, i) => ((i * 379) % 1000) + 1);
    const m = medianWithCi(diffs);
    expect(m.median).toBe(500);
    expect(m.lo).toBe(469);
    expect(m.hi).toBe(532);
    expect(m.p5).toBe(50);
    expect(m.p95).toBe(950);
  });

  it('is not fooled by tails: a few huge differences move p95, not the median or its interval much', () => {
    const diffs = [...Array.from({ length: 990 }, () => 1), ...Array.from({ length: 10 }, () => 40)];
    const m = medianWithCi(diffs);
    expect([m.median, m.lo, m.hi]).toEqual([1, 1, 1]);
  });
});
