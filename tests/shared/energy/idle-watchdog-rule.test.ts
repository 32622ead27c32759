import { describe, expect, it } from 'vitest';
import { idleBaseline, idleWasteJoules, percentile } from '../../../shared/energy/idle-baseline';
import { IdleExcessDetector } from '../../../shared/energy/idle-excess';
import { classifyEnergyState } from '../../../shared/energy/gpu-state';

const minute = 60_000;

describe('idle baseline', () => {
  it('is a low percentile of idle-empty minutes once there are enough, else 10 % of the power limit, else 30 W', () => {
    expect(percentile([5, 1, 4, 2, 3], 10)).toBe(1);
    expect(percentile([], 10)).toBeNull();
    expect(idleBaseline([36, 35, 34, 80, 35, 37], 350)).toEqual({ watts: 34, source: 'learned' });
    expect(idleBaseline([36, 35], 350)).toEqual({ watts: 35, source: 'power-limit' });
    expect(idleBaseline([], null)).toEqual({ watts: 30, source: 'default' });
  });

  it('idle waste is the energy above the baseline, never negative', () => {
    expect(idleWasteJoules(130 * 60, 60, 35)).toBe(95 * 60);
    expect(idleWasteJoules(20 * 60, 60, 35)).toBe(0);
  });
});

describe('energy state', () => {
  it('in-flight requests or GPU utilization mean inferring; otherwise loaded models decide', () => {
    expect(classifyEnergyState(0, { presetId: null, loadedModelKeys: ['m'], inFlight: 1 })).toBe('inferring');
    expect(classifyEnergyState(95, { presetId: null, loadedModelKeys: [], inFlight: 0 })).toBe('inferring');
    expect(classifyEnergyState(2, { presetId: null, loadedModelKeys: ['m'], inFlight: 0 })).toBe('loaded-idle');
    expect(classifyEnergyState(null, { presetId: null, loadedModelKeys: [], inFlight: 0 })).toBe('idle-empty');
  });
});

describe('idle excess detector', () => {
  const feed = (d: IdleExcessDetector, fromMin: number, toMin: number, powerW: number, inferring = false) => {
    const alerts = [];
    for (let t = fromMin * minute; t <= toMin * minute; t += 1000) {
      const a = d.observe({ tMs: t, powerW, inferring, baselineW: 35 });
      if (a) alerts.push(a);
    }
    return alerts;
  };

  it('alerts once after N minutes above baseline + threshold with no inference (a 3090 at 130 W vs 35 W)', () => {
    const d = new IdleExcessDetector({ thresholdW: 40, minutes: 10 });
    expect(feed(d, 0, 9.9, 130)).toHaveLength(0);
    const alerts = feed(d, 9.9 + 1 / 60, 30, 130);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ sinceMs: 0, watts: 130, baselineW: 35, excessW: 95 });
  });

  it('inference restarts the clock; drawing little never alerts', () => {
    const d = new IdleExcessDetector({ thresholdW: 40, minutes: 10 });
    feed(d, 0, 8, 130);
    feed(d, 8 + 1 / 60, 8.5, 300, true);
    expect(feed(d, 8.5 + 1 / 60, 18, 130)).toHaveLength(0);
    expect(feed(new IdleExcessDetector({ thresholdW: 40, minutes: 10 }), 0, 60, 60)).toHaveLength(0);
  });

  it('re-arms after the excess ends, and short dips do not restart the clock', () => {
    const d = new IdleExcessDetector({ thresholdW: 40, minutes: 10, graceMs: 30_000 });
    feed(d, 0, 5, 130);
    feed(d, 5 + 1 / 60, 5 + 10 / 60, 50);
    expect(feed(d, 5 + 11 / 60, 11, 130)).toHaveLength(1);
    feed(d, 11 + 1 / 60, 13, 36);
    expect(feed(d, 13 + 1 / 60, 24, 130)).toHaveLength(1);
  });
});
