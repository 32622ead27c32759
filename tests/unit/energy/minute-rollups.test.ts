import { describe, expect, it } from 'vitest';
import { MinuteRollupAccumulator, splitByMinute } from '../../../shared/energy/minute-rollups';
import type { EnergyInterval } from '../../../shared/energy/types';

const base: EnergyInterval = { gpuKey: 'g', startMs: 59_000, endMs: 61_000, joules: 300, method: 'power-integration', startW: 100, endW: 200, peakW: 200, state: 'loaded-idle', presetId: 'p', modelKeys: ['b', 'a'] };

describe('minute rollups', () => {
  it('splits a trapezoid across a minute boundary along its line, keeping the total exact', () => {
    const parts = splitByMinute(base);
    expect(parts.map((p) => p.minuteMs)).toEqual([0, 60_000]);
    expect(parts[0]!.joules).toBeCloseTo(((100 + 150) / 2) * 1, 9);
    expect(parts[1]!.joules).toBeCloseTo(((150 + 200) / 2) * 1, 9);
    expect(parts[0]!.joules + parts[1]!.joules).toBe(300);
  });

  it('splits a counter delta in proportion to time', () => {
    const parts = splitByMinute({ ...base, method: 'counter', startW: null, endW: null, startMs: 59_500, endMs: 61_500, joules: 400 });
    expect(parts.map((p) => p.joules)).toEqual([100, 300]);
  });

  it('accumulates energy, time and energy per state, peak and method per minute, preset and model set', () => {
    const acc = new MinuteRollupAccumulator();
    acc.add({ ...base, startMs: 0, endMs: 1000, joules: 150 });
    acc.add({ ...base, startMs: 1000, endMs: 2000, joules: 100, startW: 100, endW: 100, peakW: 100, state: 'inferring', method: 'counter' });
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
});
