import { describe, expect, it } from 'vitest';
import { MinuteRollupAccumulator, minuteStart, splitByMinute } from '../../../shared/energy/minute-rollups';
import type { EnergyInterval } from '../../../shared/energy/types';

const base: EnergyInterval = {
  gpuKey: 'g',
  startMs: 59_000,
  endMs: 61_000,
  joules: 300,
  method: 'power-integration',
  startW: 100,
  endW: 200,
  peakW: 200,
  state: 'loaded-idle',
  presetId: 'p',
  modelKeys: ['b', 'a'],
};

describe('minute rollups', () => {
  it('splits a trapezoid across a minute boundary along its line, keeping the total exact', () => {
    const parts = splitByMinute(base);
    expect(parts.map((p) => p.minuteMs)).toEqual([0, 60_000]);
    expect(parts[0]!.joules).toBeCloseTo(((100 + 150) / 2) * 1, 9);
    expect(parts[1]!.joules).toBeCloseTo(((150 + 200) / 2) * 1, 9);
    expect(parts[0]!.joules + parts[1]!.joules).toBe(300);
  });

  it('splits a counter delta in proportion to time', () => {
    const parts = splitByMinute({
      ...base,
      method: 'counter',
      startW: null,
      endW: null,
      startMs: 59_500,
      endMs: 61_500,
      joules: 400,
    });
    expect(parts.map((p) => p.joules)).toEqual([100, 300]);
  });

  it('accumulates energy, time and energy per state, peak and method per minute, preset and model set', () => {
    const acc = new MinuteRollupAccumulator();
    acc.add({ ...base, startMs: 0, endMs: 1000, joules: 150 });
    acc.add({
      ...base,
      startMs: 1000,
      endMs: 2000,
      joules: 100,
      startW: 100,
      endW: 100,
      peakW: 100,
      state: 'inferring',
      method: 'counter',
    });
    acc.add({ ...base, startMs: 2000, endMs: 3000, presetId: 'other', joules: 50, startW: 50, endW: 50 });
    const rows = acc.snapshot();
    expect(rows).toHaveLength(2);
    const p = rows.find((r) => r.presetId === 'p')!;
    expect(p.modelKeys).toEqual(['a', 'b']);
    expect(p.energyJ).toBe(250);
    expect(p.coveredMs).toBe(2000);
    expect(p.seconds).toEqual({ 'idle-empty': 0, 'loaded-idle': 1, inferring: 1 });
    expect(p.joulesByState.inferring).toBe(100);
    expect(p.peakW).toBe(200);
    expect(p.method).toBe('power-integration');
  });

  it('evicts only minutes that ended before the cut', () => {
    const acc = new MinuteRollupAccumulator();
    acc.add(base);
    acc.evictBefore(60_000);
    expect(acc.snapshot().map((r) => r.minuteMs)).toEqual([60_000]);
  });

  it('finds the start of the minute holding a time', () => {
    expect(minuteStart(0)).toBe(0);
    expect(minuteStart(59_999)).toBe(0);
    expect(minuteStart(60_000)).toBe(60_000);
    expect(minuteStart(179_999)).toBe(120_000);
  });

  it('splits a long interval into whole minutes whose energy adds up to the interval exactly', () => {
    // 33.3 W rising linearly to 77.7 W over 180 s (10 ms to 180,010 ms): 55.5 W on average, 9,990 J.
    const parts = splitByMinute({ ...base, startMs: 10, endMs: 180_010, startW: 33.3, endW: 77.7, joules: 9990 });
    expect(parts.map((p) => [p.minuteMs, p.startMs, p.endMs])).toEqual([
      [0, 10, 60_000],
      [60_000, 60_000, 120_000],
      [120_000, 120_000, 180_000],
      [180_000, 180_000, 180_010],
    ]);
    const wAt = (t: number) => 33.3 + (44.4 * (t - 10)) / 180_000;
    expect(parts[1]!.joules).toBeCloseTo(((wAt(60_000) + wAt(120_000)) / 2) * 60, 6);
    expect(parts[3]!.joules).toBeCloseTo(((wAt(180_000) + 77.7) / 2) * 0.01, 6);
    // Float dust stays out of the totals: the parts add up to the interval's joules to the last bit.
    expect(parts.reduce((s, p) => s + p.joules, 0)).toBe(9990);
  });

  it('has no parts for an interval of no length', () => {
    expect(splitByMinute({ ...base, startMs: 5000, endMs: 5000 })).toEqual([]);
  });

  it('keeps a minute measured only by the counter as counter, and marks it power-integration once any part is', () => {
    const acc = new MinuteRollupAccumulator();
    acc.add({ ...base, startMs: 0, endMs: 1000, method: 'counter' });
    expect(acc.snapshot()[0]!.method).toBe('counter');
    acc.add({ ...base, startMs: 1000, endMs: 2000, method: 'power-integration' });
    acc.add({ ...base, startMs: 2000, endMs: 3000, method: 'counter' });
    expect(acc.snapshot()[0]!.method).toBe('power-integration');
  });

  it('gives a snapshot the caller may change without touching the open rollups', () => {
    const acc = new MinuteRollupAccumulator();
    acc.add({ ...base, startMs: 0, endMs: 1000, joules: 10 });
    const first = acc.snapshot()[0]!;
    first.energyJ = 999;
    first.modelKeys.push('x');
    first.seconds['loaded-idle'] = 999;
    first.joulesByState['loaded-idle'] = 999;
    expect(acc.snapshot()[0]).toMatchObject({
      energyJ: 10,
      modelKeys: ['a', 'b'],
      seconds: { 'loaded-idle': 1 },
      joulesByState: { 'loaded-idle': 10 },
    });
  });

  it('counts the rollups in memory and keeps a minute that ends after the cut', () => {
    const acc = new MinuteRollupAccumulator();
    acc.add(base);
    expect(acc.size).toBe(2);
    acc.evictBefore(119_999);
    expect(acc.size).toBe(1);
    acc.evictBefore(120_000);
    expect(acc.size).toBe(0);
  });
});
