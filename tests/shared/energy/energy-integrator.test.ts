import { describe, expect, it } from 'vitest';
import { EnergyIntegrator, linearSegmentJoules, trapezoidJoules } from '../../../shared/energy/energy-integrator';
import { oneStep } from '../../support/one-step';

describe('EnergyIntegrator', () => {
  it('integrates power.draw with the trapezoid rule over the reading times', () => {
    const integ = new EnergyIntegrator(5000);
    expect(oneStep(integ.push({ tMs: 0, powerW: 100, counterMJ: null }))).toEqual({ kind: 'first' });
    const step = oneStep(integ.push({ tMs: 1000, powerW: 200, counterMJ: null }));
    expect(step).toMatchObject({ kind: 'interval', joules: 150, method: 'power-integration', startMs: 0, endMs: 1000 });
    expect(oneStep(integ.push({ tMs: 3000, powerW: 200, counterMJ: null }))).toMatchObject({ joules: 400 });
  });

  it('prefers the hardware counter: energy is the delta, whatever the power readings say', () => {
    const integ = new EnergyIntegrator(5000);
    oneStep(integ.push({ tMs: 0, powerW: 100, counterMJ: 1_000_000 }));
    expect(oneStep(integ.push({ tMs: 1000, powerW: 999, counterMJ: 1_123_456 }))).toMatchObject({
      kind: 'interval',
      method: 'counter',
      joules: 123.456,
    });
  });

  it('re-baselines on a negative counter delta (driver reload) and measures only that interval from power', () => {
    const integ = new EnergyIntegrator(5000);
    oneStep(integ.push({ tMs: 0, powerW: 100, counterMJ: 5_000_000 }));
    const reset = oneStep(integ.push({ tMs: 1000, powerW: 120, counterMJ: 300 }));
    expect(reset).toMatchObject({ kind: 'interval', method: 'power-integration', joules: 110, counterReset: true });
    // The next delta is taken from the new baseline, not from before the reload.
    expect(oneStep(integ.push({ tMs: 2000, powerW: 120, counterMJ: 120_300 }))).toMatchObject({
      method: 'counter',
      joules: 120,
    });
  });

  it('records a counter reset without power as a gap, not as energy', () => {
    const integ = new EnergyIntegrator(5000);
    oneStep(integ.push({ tMs: 0, powerW: null, counterMJ: 5_000_000 }));
    expect(oneStep(integ.push({ tMs: 1000, powerW: null, counterMJ: 10 }))).toMatchObject({
      kind: 'gap',
      reason: expect.stringContaining('reset'),
    });
  });

  it('does not bridge readings further apart than the gap limit', () => {
    const integ = new EnergyIntegrator(5000);
    oneStep(integ.push({ tMs: 0, powerW: 100, counterMJ: null }));
    expect(oneStep(integ.push({ tMs: 5000, powerW: 100, counterMJ: null }))).toMatchObject({
      kind: 'interval',
      joules: 500,
    });
    const gap = oneStep(integ.push({ tMs: 65_000, powerW: 100, counterMJ: null }));
    expect(gap).toMatchObject({ kind: 'gap', startMs: 5000, endMs: 65_000 });
    expect(oneStep(integ.push({ tMs: 66_000, powerW: 100, counterMJ: null }))).toMatchObject({
      kind: 'interval',
      joules: 100,
    });
  });

  it('skips duplicate and out-of-order readings instead of counting them twice', () => {
    const integ = new EnergyIntegrator(5000);
    oneStep(integ.push({ tMs: 1000, powerW: 100, counterMJ: null }));
    expect(oneStep(integ.push({ tMs: 1000, powerW: 100, counterMJ: null })).kind).toBe('skipped');
    expect(oneStep(integ.push({ tMs: 500, powerW: 100, counterMJ: null })).kind).toBe('skipped');
    expect(oneStep(integ.push({ tMs: Number.NaN, powerW: 100, counterMJ: null })).kind).toBe('skipped');
    expect(oneStep(integ.push({ tMs: 2000, powerW: 100, counterMJ: null }))).toMatchObject({ joules: 100 });
  });

  it('treats a reading without power as a gap', () => {
    const integ = new EnergyIntegrator(5000);
    oneStep(integ.push({ tMs: 0, powerW: 100, counterMJ: null }));
    expect(oneStep(integ.push({ tMs: 1000, powerW: null, counterMJ: null }))).toMatchObject({
      kind: 'gap',
      reason: 'no power reading',
    });
  });

  it('splits a trapezoid exactly along its line', () => {
    expect(trapezoidJoules(100, 300, 2)).toBe(400);
    const left = linearSegmentJoules(0, 2000, 100, 300, 0, 500);
    const right = linearSegmentJoules(0, 2000, 100, 300, 500, 2000);
    expect(left).toBeCloseTo(((100 + 150) / 2) * 0.5, 9);
    expect(left + right).toBeCloseTo(400, 9);
  });
});
