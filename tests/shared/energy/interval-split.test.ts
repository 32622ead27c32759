// Splitting one measured interval's energy over a part of it (issue 15): along the power line where both
// ends were read, in proportion to time otherwise. Expected values are worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  intervalJoulesBetween,
  linearSegmentJoules,
  type MeasuredSpan,
} from '../../../shared/energy/energy-integrator';

// A counter interval of 10 s whose power rose from 100 to 300 W: the trapezoid says 2,000 J, the counter 1,000 J.
const rising: MeasuredSpan = { startMs: 0, endMs: 10_000, joules: 1000, startW: 100, endW: 300 };

describe('intervalJoulesBetween', () => {
  it('gives the counter amount in the shape of the power line', () => {
    // The first 5 s run 100 → 200 W: 750 J of the trapezoid's 2,000 J, so 3/8 of the counter's 1,000 J.
    expect(intervalJoulesBetween(rising, 0, 5000)).toBeCloseTo(375, 9);
    expect(intervalJoulesBetween(rising, 5000, 10_000)).toBeCloseTo(625, 9);
  });

  it('clips the asked range to the interval', () => {
    expect(intervalJoulesBetween(rising, -60_000, 60_000)).toBeCloseTo(1000, 9);
    expect(intervalJoulesBetween(rising, 5000, 60_000)).toBeCloseTo(625, 9);
    expect(intervalJoulesBetween(rising, -5000, 5000)).toBeCloseTo(375, 9);
  });

  it('is zero outside the interval, for an empty range and for an interval of no length', () => {
    expect(intervalJoulesBetween(rising, 10_000, 20_000)).toBe(0);
    expect(intervalJoulesBetween(rising, -5000, 0)).toBe(0);
    expect(intervalJoulesBetween(rising, 4000, 4000)).toBe(0);
    expect(intervalJoulesBetween(rising, 6000, 4000)).toBe(0);
    expect(intervalJoulesBetween({ ...rising, endMs: 0 }, -1000, 1000)).toBe(0);
  });

  it('splits in proportion to time when either end has no power reading', () => {
    expect(intervalJoulesBetween({ ...rising, startW: null }, 0, 2500)).toBe(250);
    expect(intervalJoulesBetween({ ...rising, endW: null }, 0, 2500)).toBe(250);
  });

  it('splits in proportion to time when the power line is zero throughout', () => {
    expect(intervalJoulesBetween({ ...rising, startW: 0, endW: 0 }, 0, 2500)).toBe(250);
  });
});

describe('linearSegmentJoules', () => {
  it('is zero for a segment of no length and for a reversed range', () => {
    expect(linearSegmentJoules(1000, 1000, 100, 300, 1000, 1000)).toBe(0);
    expect(linearSegmentJoules(1000, 1000, 100, 300, 1000, 2000)).toBe(0);
    expect(linearSegmentJoules(0, 1000, 100, 300, 800, 200)).toBe(0);
  });

  it('reads the power at both ends of the range off the line', () => {
    // Between 2 s and 4 s of a 0 → 10 s line from 100 to 300 W: 140 → 180 W, 320 J.
    expect(linearSegmentJoules(0, 10_000, 100, 300, 2000, 4000)).toBeCloseTo(320, 9);
    // The same line with the segment starting at 10 s: 3 → 5 s in is 160 → 200 W, 360 J.
    expect(linearSegmentJoules(10_000, 20_000, 100, 300, 13_000, 15_000)).toBeCloseTo(360, 9);
  });
});
