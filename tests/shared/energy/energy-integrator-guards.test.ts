// What the integrator must refuse to book as energy, and where its limits lie (issue 15, energy group).
// Expected joules are worked out by hand from the readings, never taken from the integrator.
import { describe, expect, it } from 'vitest';
import { EnergyIntegrator, type EnergyReading } from '../../../shared/energy/energy-integrator';
import { oneStep } from '../../support/one-step';

const at = (tMs: number, powerW: number | null, counterMJ: number | null = null): EnergyReading => ({
  tMs,
  powerW,
  counterMJ,
});

/** An integrator that has already taken `first`. */
function primed(first: EnergyReading, gapLimitMs = 5000): EnergyIntegrator {
  const integ = new EnergyIntegrator(gapLimitMs);
  expect(oneStep(integ.push(first))).toEqual({ kind: 'first' });
  return integ;
}

describe('energy counter plausibility (5,000 W)', () => {
  it('books a counter jump implying more than 5,000 W from power, flagged as a counter reset', () => {
    // 6,000 J in 1 s would be 6 kW on one GPU: a glitch. Power says (100 + 140) / 2 W for 1 s = 120 J.
    const integ = primed(at(0, 100, 1_000_000));
    expect(oneStep(integ.push(at(1000, 140, 7_000_000)))).toEqual({
      kind: 'interval',
      startMs: 0,
      endMs: 1000,
      joules: 120,
      method: 'power-integration',
      startW: 100,
      endW: 140,
      counterReset: true,
    });
    // Re-baselined on the glitched reading: the next 250 J delta (250,000 mJ) counts from 7,000,000 mJ.
    expect(oneStep(integ.push(at(2000, 140, 7_250_000)))).toMatchObject({
      kind: 'interval',
      method: 'counter',
      joules: 250,
      counterReset: false,
    });
  });

  it('accepts exactly 5,000 W from the counter, and rejects 5,001 W', () => {
    const exact = primed(at(0, 100, 0));
    expect(oneStep(exact.push(at(2000, 100, 10_000_000)))).toMatchObject({
      method: 'counter',
      joules: 10_000,
      counterReset: false,
    });
    const over = primed(at(0, 100, 0));
    expect(oneStep(over.push(at(2000, 100, 10_002_000)))).toMatchObject({
      method: 'power-integration',
      joules: 200,
      counterReset: true,
    });
  });

  it('judges the jump by average power over the interval, not by the raw delta', () => {
    // 8,000 J is implausible over 1 s but only 4,000 W over 2 s.
    const integ = primed(at(0, 100, 0));
    expect(oneStep(integ.push(at(2000, 100, 8_000_000)))).toMatchObject({ method: 'counter', joules: 8000 });
  });

  it('records a glitch without power as a gap that names the jump, not as energy', () => {
    const integ = primed(at(0, null, 0));
    expect(oneStep(integ.push(at(1000, null, 9_000_000)))).toEqual({
      kind: 'gap',
      startMs: 0,
      endMs: 1000,
      reason: 'implausible energy counter jump and no power reading',
    });
  });
});

describe('energy counter resets', () => {
  it('flags a backwards counter as a reset and measures that interval from power', () => {
    const integ = primed(at(10_000, 200, 9_000_000));
    expect(oneStep(integ.push(at(11_000, 100, 50)))).toEqual({
      kind: 'interval',
      startMs: 10_000,
      endMs: 11_000,
      joules: 150,
      method: 'power-integration',
      startW: 200,
      endW: 100,
      counterReset: true,
    });
  });

  it('names the driver reload in the gap when there is no power to fall back on', () => {
    const integ = primed(at(0, null, 9_000_000));
    expect(oneStep(integ.push(at(1000, null, 0)))).toEqual({
      kind: 'gap',
      startMs: 0,
      endMs: 1000,
      reason: 'energy counter reset (driver reloaded) and no power reading',
    });
  });

  it('books an unchanged counter as zero energy from the counter, not as a reset', () => {
    const integ = primed(at(0, 50, 4_000));
    expect(oneStep(integ.push(at(1000, 50, 4_000)))).toMatchObject({
      kind: 'interval',
      method: 'counter',
      joules: 0,
      counterReset: false,
    });
  });

  it('carries the power readings on a counter interval to shape later splits', () => {
    const integ = primed(at(0, 80, 0));
    expect(oneStep(integ.push(at(1000, 120, 90_000)))).toEqual({
      kind: 'interval',
      startMs: 0,
      endMs: 1000,
      joules: 90,
      method: 'counter',
      startW: 80,
      endW: 120,
      counterReset: false,
    });
  });

  it('falls back to power, without a reset flag, when either end lacks the counter', () => {
    const integ = primed(at(0, 100, 1_000));
    expect(oneStep(integ.push(at(1000, 300, null)))).toEqual({
      kind: 'interval',
      startMs: 0,
      endMs: 1000,
      joules: 200,
      method: 'power-integration',
      startW: 100,
      endW: 300,
      counterReset: false,
    });
    expect(oneStep(integ.push(at(2000, 300, 5_000_000)))).toMatchObject({
      method: 'power-integration',
      joules: 300,
      counterReset: false,
    });
  });

  it('is a gap when neither the counter nor power is read at one end', () => {
    const integ = primed(at(0, null, null));
    expect(oneStep(integ.push(at(1000, 100, null)))).toEqual({
      kind: 'gap',
      startMs: 0,
      endMs: 1000,
      reason: 'no power reading',
    });
  });
});

describe('gap limit', () => {
  it('bridges readings exactly at the limit and just under it', () => {
    const integ = primed(at(0, 100), 5000);
    expect(oneStep(integ.push(at(5000, 100)))).toMatchObject({ kind: 'interval', joules: 500 });
    expect(oneStep(integ.push(at(9999, 100)))).toMatchObject({ kind: 'interval', joules: 499.9 });
  });

  it('records readings 1 ms over the limit as a gap with both times and the reason in seconds', () => {
    const integ = primed(at(0, 100), 5000);
    expect(oneStep(integ.push(at(5001, 100)))).toEqual({
      kind: 'gap',
      startMs: 0,
      endMs: 5001,
      reason: 'no reading for 5.0 s (limit 5.0 s)',
    });
    expect(oneStep(integ.push(at(17_501, 100)))).toEqual({
      kind: 'gap',
      startMs: 5001,
      endMs: 17_501,
      reason: 'no reading for 12.5 s (limit 5.0 s)',
    });
  });

  it('applies a limit changed after construction', () => {
    const integ = primed(at(0, 100), 5000);
    integ.gapLimitMs = 1000;
    expect(oneStep(integ.push(at(2000, 100))).kind).toBe('gap');
  });

  it('does not book a counter delta across a gap', () => {
    const integ = primed(at(0, 100, 0), 5000);
    expect(oneStep(integ.push(at(6000, 100, 600_000))).kind).toBe('gap');
  });
});

describe('reading order', () => {
  it('says why a reading was skipped', () => {
    const integ = primed(at(1000, 100));
    expect(oneStep(integ.push(at(1000, 100)))).toEqual({ kind: 'skipped', reason: 'duplicate reading' });
    expect(oneStep(integ.push(at(999, 100)))).toEqual({
      kind: 'skipped',
      reason: 'reading older than the previous one',
    });
    expect(oneStep(integ.push(at(Number.POSITIVE_INFINITY, 100)))).toEqual({
      kind: 'skipped',
      reason: 'reading has no valid time',
    });
  });

  it('keeps the last good reading after a skip, so nothing is counted twice or lost', () => {
    const integ = primed(at(1000, 100));
    oneStep(integ.push(at(500, 900)));
    expect(oneStep(integ.push(at(2000, 300)))).toMatchObject({ startMs: 1000, joules: 200 });
  });

  it('starts fresh after reset(): the next reading bridges nothing', () => {
    const integ = primed(at(0, 100));
    integ.reset();
    expect(oneStep(integ.push(at(1000, 100)))).toEqual({ kind: 'first' });
    expect(oneStep(integ.push(at(2000, 100)))).toMatchObject({ startMs: 1000, joules: 100 });
  });

  it('does not take a timeless first reading as the baseline', () => {
    const integ = new EnergyIntegrator(5000);
    expect(oneStep(integ.push(at(Number.NaN, 100))).kind).toBe('skipped');
    expect(oneStep(integ.push(at(0, 100)))).toEqual({ kind: 'first' });
  });
});
