// Properties the energy core keeps for any input (issue 15): energy is never negative, every millisecond
// between readings is booked once (as energy or as a gap), and the parts of a split add up to the whole.
// Runs are bounded so the suite stays fast; a failure prints the shrunk counterexample.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTER_NOT_READ } from '../../../shared/energy/counter-reads';
import { EnergyIntegrator, type EnergyReading } from '../../../shared/energy/energy-integrator';
import { MinuteRollupAccumulator, splitByMinute } from '../../../shared/energy/minute-rollups';
import { compilePriceSchedule, type TimeOfUseSlot } from '../../../shared/energy/tariff';
import type { EnergyInterval } from '../../../shared/energy/types';

const RUNS = { numRuns: 200 };
const GAP_LIMIT_MS = 5000;

// Whole milliwatts, the resolution NVML reports power in.
const watts = fc.option(
  fc.integer({ min: 0, max: 1_000_000 }).map((mW) => mW / 1000),
  { nil: null, freq: 5 },
);

/** Readings with rising times; the counter mostly tracks the power, sometimes resets, jumps or goes missing. */
const readings = fc
  .array(
    fc.record({
      dtMs: fc.integer({ min: 1, max: 8000 }),
      powerW: watts,
      // 'not-read': the counter advanced but this sample did not read it (NVML reads it every few seconds).
      counter: fc.constantFrom('track', 'track', 'track', 'reset', 'jump', 'none', 'not-read', 'not-read'),
    }),
    { minLength: 2, maxLength: 40 },
  )
  .map((steps) => {
    let tMs = 1_700_000_000_000;
    let counterMJ = 0;
    return steps.map(({ dtMs, powerW, counter }): EnergyReading => {
      tMs += dtMs;
      if (counter === 'reset') counterMJ = 0;
      else if (counter === 'jump') counterMJ += 1e12;
      else counterMJ += (powerW ?? 100) * dtMs;
      return {
        tMs,
        powerW,
        counterMJ: counter === 'none' ? null : counter === 'not-read' ? COUNTER_NOT_READ : counterMJ,
      };
    });
  });

describe('energy properties', () => {
  it('never books negative, infinite or implausible energy, and books every millisecond once', () => {
    fc.assert(
      fc.property(readings, (rs) => {
        const integ = new EnergyIntegrator(GAP_LIMIT_MS);
        let bookedMs = 0;
        // What is still held for a counter read when the readings end is booked by the flush.
        for (const step of [...rs.flatMap((r) => integ.push(r)), ...integ.flushHeld()]) {
          if (step.kind === 'interval') {
            expect(step.joules).toBeGreaterThanOrEqual(0);
            expect(step.joules / ((step.endMs - step.startMs) / 1000)).toBeLessThanOrEqual(5000);
          }
          if (step.kind === 'interval' || step.kind === 'gap') bookedMs += step.endMs - step.startMs;
        }
        expect(bookedMs).toBe(rs[rs.length - 1]!.tMs - rs[0]!.tMs);
      }),
      RUNS,
    );
  });

  const interval = fc
    .record({
      startMs: fc.integer({ min: 0, max: 10 * 60_000 }),
      lengthMs: fc.integer({ min: 1, max: 5 * 60_000 }),
      startW: watts,
      endW: watts,
      // Whole millijoules, as the counter reports them (no subnormal floats).
      joules: fc.integer({ min: 0, max: 1e9 }).map((mJ) => mJ / 1000),
      state: fc.constantFrom('idle-empty' as const, 'loaded-idle' as const, 'inferring' as const),
      presetId: fc.constantFrom(null, 'dev', 'light'),
    })
    .map(({ startMs, lengthMs, ...rest }): EnergyInterval => ({
      gpuKey: 'g',
      startMs,
      endMs: startMs + lengthMs,
      method: 'counter',
      peakW: 0,
      modelKeys: ['m'],
      ...rest,
    }));

  it('splits an interval into contiguous in-minute parts that are never negative and add up to it', () => {
    fc.assert(
      fc.property(interval, (iv) => {
        const parts = splitByMinute(iv);
        expect(parts[0]!.startMs).toBe(iv.startMs);
        expect(parts[parts.length - 1]!.endMs).toBe(iv.endMs);
        let sum = 0;
        parts.forEach((p, i) => {
          if (i > 0) expect(p.startMs).toBe(parts[i - 1]!.endMs);
          expect(p.startMs).toBeGreaterThanOrEqual(p.minuteMs);
          expect(p.endMs).toBeLessThanOrEqual(p.minuteMs + 60_000);
          expect(p.joules).toBeGreaterThanOrEqual(-1e-9 * iv.joules);
          sum += p.joules;
        });
        expect(Math.abs(sum - iv.joules)).toBeLessThanOrEqual(1e-9 * iv.joules);
      }),
      RUNS,
    );
  });

  it("keeps all energy and time through the rollups, and each row's states add up to its totals", () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 20 }), (ivs) => {
        const acc = new MinuteRollupAccumulator();
        for (const iv of ivs) acc.add(iv);
        const rows = acc.snapshot();
        const total = ivs.reduce((s, iv) => s + iv.joules, 0);
        expect(rows.reduce((s, r) => s + r.energyJ, 0)).toBeCloseTo(total, 3);
        expect(rows.reduce((s, r) => s + r.coveredMs, 0)).toBe(ivs.reduce((s, iv) => s + iv.endMs - iv.startMs, 0));
        for (const r of rows) {
          expect(Object.values(r.joulesByState).reduce((a, b) => a + b, 0)).toBeCloseTo(r.energyJ, 3);
          expect(Object.values(r.seconds).reduce((a, b) => a + b, 0) * 1000).toBeCloseTo(r.coveredMs, 3);
        }
      }),
      RUNS,
    );
  });

  const clock = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const slot: fc.Arbitrary<TimeOfUseSlot> = fc.record(
    {
      from: clock,
      to: clock,
      pricePerKWh: fc.integer({ min: 1, max: 9 }),
      days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 7 }),
    },
    { requiredKeys: ['from', 'to', 'pricePerKWh'] },
  );

  it('has one price between the boundaries it lists, so the report may price by the hour', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }),
        fc.array(slot, { maxLength: 4 }),
        fc.integer({ min: 0, max: 23 }),
        (tariff, slots, hour) => {
          const schedule = compilePriceSchedule(tariff, slots);
          const cuts = schedule.boundariesInHour(hour);
          expect(schedule.uniformHour(hour)).toBe(cuts.length === 0);
          const changes: string[] = [];
          for (let dow = 0; dow < 7; dow += 1) {
            for (let minute = hour * 60 + 1; minute < hour * 60 + 60; minute += 1) {
              if (!cuts.includes(minute) && schedule.priceAt(minute, dow) !== schedule.priceAt(minute - 1, dow))
                changes.push(`day ${dow}, minute ${minute}`);
            }
          }
          expect(changes).toEqual([]);
        },
      ),
      RUNS,
    );
  });
});
