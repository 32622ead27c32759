// A counter read every few seconds (NVML reads it every ENERGY_COUNTER_PERIOD_MS): the readings between two
// reads wait, and the next read's delta is split over them along the power curve. Expected joules are worked
// out by hand from the readings, never taken from the integrator.
import { describe, expect, it } from 'vitest';
import { COUNTER_NOT_READ, MAX_HELD_COUNTER_MS } from '../../../shared/energy/counter-reads';
import { EnergyIntegrator, type EnergyReading, type IntegrationStep } from '../../../shared/energy/energy-integrator';

const NOT_READ = COUNTER_NOT_READ;
const at = (
  tMs: number,
  powerW: number | null,
  counterMJ: EnergyReading['counterMJ'] = NOT_READ,
  tag?: string,
): EnergyReading<string> => ({ tMs, powerW, counterMJ, tag });

const joulesOf = (steps: IntegrationStep<string>[]) => steps.map((s) => (s.kind === 'interval' ? s.joules : s.kind));

/** An integrator that took its first reading and then `held`, each waiting for the counter. */
function holding(first: EnergyReading<string>, held: EnergyReading<string>[]): EnergyIntegrator<string> {
  const integ = new EnergyIntegrator<string>(5000);
  expect(integ.push(first)).toEqual([{ kind: 'first' }]);
  for (const r of held) expect(integ.push(r)).toEqual([]);
  return integ;
}

describe('a counter read every few seconds', () => {
  it('books nothing while it waits, then one counter interval per held reading', () => {
    const integ = holding(at(0, 100, 1_000_000), [at(1000, 100), at(2000, 100), at(3000, 100), at(4000, 100)]);
    expect(integ.bookedThroughMs).toBe(0);
    const steps = integ.push(at(5000, 100, 1_500_000));
    expect(steps.map((s) => s.kind === 'interval' && [s.startMs, s.endMs, s.method])).toEqual([
      [0, 1000, 'counter'],
      [1000, 2000, 'counter'],
      [2000, 3000, 'counter'],
      [3000, 4000, 'counter'],
      [4000, 5000, 'counter'],
    ]);
    // A flat 100 W curve: the 500 J delta in five equal parts.
    expect(joulesOf(steps)).toEqual([100, 100, 100, 100, 100]);
    expect(integ.bookedThroughMs).toBe(5000);
  });

  it('splits the delta along the power curve (trapezoid weights), not by time', () => {
    // Trapezoids: (100+100)/2, (100+300)/2, (300+300)/2, (300+100)/2, (100+100)/2 = 100, 200, 300, 200, 100 of 900.
    const integ = holding(at(0, 100, 0), [at(1000, 100), at(2000, 300), at(3000, 300), at(4000, 100)]);
    const steps = integ.push(at(5000, 100, 1_800_000));
    expect(joulesOf(steps)).toEqual([200, 400, 600, 400, 200]);
    expect(steps.map((s) => s.kind === 'interval' && [s.startW, s.endW])).toEqual([
      [100, 100],
      [100, 300],
      [300, 300],
      [300, 100],
      [100, 100],
    ]);
  });

  it('adds up to the counter delta exactly, whatever the float dust of the shares', () => {
    // Here the proportional shares alone add up to 2656.5429999999997: the last part takes what the others leave.
    const integ = holding(at(1000, 545.074, 7), [at(2048, 552.426)]);
    const steps = integ.push(at(3018, 405.975, 2_656_550));
    const parts = steps.map((step) => (step.kind === 'interval' ? step.joules : NaN));
    expect(parts).toHaveLength(2);
    expect(parts[0]! + parts[1]!).toBe(2656.543);
    expect(parts[0]).toBeCloseTo(
      (2656.543 * (545.074 + 552.426) * 1.048) / ((545.074 + 552.426) * 1.048 + (552.426 + 405.975) * 0.97),
      9,
    );
  });

  it('splits by time where a power reading is missing, or where the curve is all zero', () => {
    const missing = holding(at(0, 100, 0), [at(1000, null), at(3000, 100)]);
    expect(joulesOf(missing.push(at(4000, 100, 400_000)))).toEqual([100, 200, 100]);
    // Missing only at the first or only at the last reading is enough.
    const first = holding(at(0, null, 0), [at(1000, 100), at(3000, 100)]);
    expect(joulesOf(first.push(at(4000, 100, 400_000)))).toEqual([100, 200, 100]);
    const last = holding(at(0, 100, 0), [at(1000, 100), at(3000, 100)]);
    expect(joulesOf(last.push(at(4000, null, 400_000)))).toEqual([100, 200, 100]);
    const zero = holding(at(10_000, 0, 0), [at(11_000, 0), at(13_000, 0)]);
    expect(joulesOf(zero.push(at(14_000, 0, 40_000)))).toEqual([10, 20, 10]);
  });

  it('gives each part the tag of the reading that ends it (the attribution at that moment)', () => {
    const integ = holding(at(0, 100, 0, 'idle'), [at(1000, 100, NOT_READ, 'idle'), at(2000, 100, NOT_READ, 'busy')]);
    const steps = integ.push(at(3000, 100, 300_000, 'busy'));
    expect(steps.map((s) => s.kind === 'interval' && s.tag)).toEqual(['idle', 'busy', 'busy']);
  });

  it('books the held span from power when the counter comes back unsupported or failed (null)', () => {
    const integ = holding(at(0, 100, 0), [at(1000, 200), at(2000, 200)]);
    const steps = integ.push(at(3000, 100, null));
    expect(steps.map((s) => s.kind === 'interval' && s.method)).toEqual([
      'power-integration',
      'power-integration',
      'power-integration',
    ]);
    expect(joulesOf(steps)).toEqual([150, 200, 150]);
    // No baseline any more: the next read measures its interval from power and anchors the one after.
    expect(joulesOf(integ.push(at(4000, 100, 9_000_000)))).toEqual([100]);
    expect(integ.push(at(5000, 100, 9_250_000))).toMatchObject([{ method: 'counter', joules: 250 }]);
  });

  it('books from power once the held span outgrows its bound (the counter did not come back)', () => {
    const integ = new EnergyIntegrator<string>(5000, 3000);
    integ.push(at(60_000, 100, 0));
    expect(integ.push(at(61_000, 100))).toEqual([]);
    expect(integ.push(at(62_000, 100))).toEqual([]);
    expect(integ.push(at(63_000, 100))).toEqual([]);
    const steps = integ.push(at(64_000, 300));
    expect(joulesOf(steps)).toEqual([100, 100, 100, 200]);
    expect(steps.every((s) => s.kind === 'interval' && s.method === 'power-integration')).toBe(true);
    // Still not read, with no baseline: each further reading is booked from power at once.
    expect(joulesOf(integ.push(at(65_000, 300)))).toEqual([300]);
    expect(integ.bookedThroughMs).toBe(65_000);
  });

  it('holds for three counter periods by default', () => {
    const integ = new EnergyIntegrator<string>(MAX_HELD_COUNTER_MS);
    integ.push(at(0, 100, 0));
    expect(integ.push(at(MAX_HELD_COUNTER_MS, 100))).toEqual([]);
    expect(joulesOf(integ.push(at(MAX_HELD_COUNTER_MS + 1, 100)))).toHaveLength(2);
  });

  it('re-baselines on a counter reset inside a held span and books that span from power', () => {
    const integ = holding(at(0, 100, 5_000_000), [at(1000, 100), at(2000, 300)]);
    const steps = integ.push(at(3000, 300, 200));
    expect(steps).toMatchObject([
      { method: 'power-integration', joules: 100, counterReset: true },
      { method: 'power-integration', joules: 200, counterReset: true },
      { method: 'power-integration', joules: 300, counterReset: true },
    ]);
    // The next delta counts from the new baseline (200 mJ), split over what was held since.
    expect(integ.push(at(4000, 300))).toEqual([]);
    expect(joulesOf(integ.push(at(5000, 300, 600_200)))).toEqual([300, 300]);
  });

  it('records a reset span without power as gaps that say why', () => {
    const integ = holding(at(0, 100, 5_000_000), [at(1000, null)]);
    expect(integ.push(at(2000, 100, 0))).toEqual([
      {
        kind: 'gap',
        startMs: 0,
        endMs: 1000,
        reason: 'energy counter reset (driver reloaded) and no power reading',
      },
      {
        kind: 'gap',
        startMs: 1000,
        endMs: 2000,
        reason: 'energy counter reset (driver reloaded) and no power reading',
      },
    ]);
  });

  it('books a held span with an implausible counter jump from power', () => {
    const integ = holding(at(0, 100, 0), [at(1000, 100)]);
    expect(integ.push(at(2000, 100, 20_000_000))).toMatchObject([
      { method: 'power-integration', joules: 100, counterReset: true },
      { method: 'power-integration', joules: 100, counterReset: true },
    ]);
  });

  it('books what was held from power up to a gap, and never bridges the gap', () => {
    const integ = holding(at(0, 100, 0), [at(1000, 200), at(2000, 200)]);
    const steps = integ.push(at(70_000, 100, 9_000_000));
    expect(steps).toMatchObject([
      { kind: 'interval', startMs: 0, endMs: 1000, joules: 150, method: 'power-integration' },
      { kind: 'interval', startMs: 1000, endMs: 2000, joules: 200, method: 'power-integration' },
      { kind: 'gap', startMs: 2000, endMs: 70_000 },
    ]);
    // The reading after the gap is the new baseline.
    expect(integ.push(at(71_000, 100, 9_100_000))).toMatchObject([{ method: 'counter', joules: 100 }]);
  });

  it('skips duplicate and out-of-order readings while it holds, and holds none twice', () => {
    const integ = holding(at(0, 100, 0), [at(1000, 100), at(2000, 100)]);
    expect(integ.push(at(2000, 100))).toEqual([{ kind: 'skipped', reason: 'duplicate reading' }]);
    expect(integ.push(at(1500, 100))).toEqual([{ kind: 'skipped', reason: 'reading older than the previous one' }]);
    expect(joulesOf(integ.push(at(3000, 100, 300_000)))).toEqual([100, 100, 100]);
  });

  it('flushes the held readings from power when the readings end, and nothing when none is held', () => {
    const integ = holding(at(0, 100, 0), [at(1000, 300), at(2000, 300)]);
    const flushed = integ.flushHeld();
    expect(joulesOf(flushed)).toEqual([200, 300]);
    expect(integ.flushHeld()).toEqual([]);
    expect(integ.bookedThroughMs).toBe(2000);
    // After the flush a read has no baseline: its interval comes from power.
    expect(integ.push(at(3000, 100, 50_000))).toMatchObject([{ method: 'power-integration', joules: 200 }]);
    const idle = new EnergyIntegrator<string>(5000);
    expect(idle.flushHeld()).toEqual([]);
    expect(idle.bookedThroughMs).toBeNull();
    // A flush with nothing held keeps the counter's baseline: the next read is a counter delta.
    const read = new EnergyIntegrator<string>(5000);
    read.push(at(0, 100, 0));
    expect(read.flushHeld()).toEqual([]);
    expect(read.push(at(1000, 100, 150_000))).toMatchObject([{ method: 'counter', joules: 150 }]);
  });

  it('books a reading that was not read, without a baseline, from power at once', () => {
    const integ = new EnergyIntegrator<string>(5000);
    integ.push(at(0, 100, null));
    expect(integ.push(at(1000, 300))).toMatchObject([{ method: 'power-integration', joules: 200 }]);
  });

  it('forgets what it holds on reset: nothing is bridged across a sampler restart', () => {
    const integ = holding(at(0, 100, 0), [at(1000, 100)]);
    integ.reset();
    expect(integ.bookedThroughMs).toBeNull();
    expect(integ.push(at(2000, 100, 900_000))).toEqual([{ kind: 'first' }]);
    expect(integ.push(at(3000, 100, 1_000_000))).toMatchObject([{ method: 'counter', joules: 100 }]);
  });
});
