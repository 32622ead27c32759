/**
 * NVML reads the energy counter every ENERGY_COUNTER_PERIOD_MS (5 s at 1 Hz: every 5th sample), not every
 * sample. On the real H200 capture, the ledger's kWh, its per-preset seconds and an answer's energy come
 * out the same as when every sample reads the counter: the held samples wait for the next read, whose
 * delta is split over them.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EnergyTracker } from '../../../electron/core/energy/energy-tracker';
import { buildEnergyReport } from '../../../electron/core/energy/energy-reports';
import type { EnergyContext } from '../../../shared/energy/types';
import type { HardwareSample } from '../../../shared/hardware/sample';
import { compilePriceSchedule } from '../../../shared/energy/tariff';
import { defaultSettings } from '../../../shared/settings/schema';
import { readNvml, sampleOf } from '../../support/h200-trace';
import { tempLedger } from '../../support/temp-ledger';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
beforeAll(() => {
  process.env.TZ = 'UTC';
});

/** The capture at 1 Hz (every 20th 50-ms row), cut to end on a counter read (a multiple of 5 samples). */
const rows = readNvml().filter((_, i) => i % 20 === 0);
rows.length -= (rows.length - 1) % 5;

/** The sample of row `i`: its counter read on every sample, or only on every 5th (the others marked not read). */
function sampleAt(i: number, everySample: boolean): HardwareSample {
  const r = rows[i]!;
  const s = sampleOf(r.tMs, { powerW: r.powerW, util: r.util, counterMJ: r.energyMJ });
  if (everySample || i % 5 === 0) return s;
  return { ...s, gpus: [{ ...s.gpus[0]!, energyCounterMJ: null, energyCounterNotRead: true }] };
}

/** A preset switch at sample 12, inside the held span 10 → 15. */
const contextAt = (i: number): EnergyContext => ({
  presetId: i < 12 ? 'coding' : 'chat',
  loadedModelKeys: i < 12 ? ['qwen2.5-7b'] : ['llama-3.2-3b'],
  inFlight: 0,
});

function replayIntoLedger(everySample: boolean) {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  let i = 0;
  const tracker = new EnergyTracker({
    ledger: t.ledger,
    getContext: () => contextAt(i),
    gapLimitSeconds: () => 5,
    writerId: 'a',
  });
  for (i = 0; i < rows.length; i++) tracker.ingest(sampleAt(i, everySample));
  tracker.stop();
  const report = (by: 'day' | 'preset') =>
    buildEnergyReport(t.ledger, {
      fromMs: rows[0]!.tMs - 60_000,
      toMs: rows[rows.length - 1]!.tMs + 60_000,
      by,
      settings: defaultSettings(),
    });
  const from = rows[0]!.tMs - 60_000;
  const to = rows[rows.length - 1]!.tMs + 60_000;
  // The day's joules as stored, unrounded (the report rounds kWh to 6 decimals).
  const dayJ = t.ledger.aggregates(from, to, compilePriceSchedule(null, [])).reduce((sum, a) => sum + a.energyJ, 0);
  return { tracker, dayJ, day: report('day'), byPreset: report('preset') };
}

describe('the energy counter read every 5th sample (H200 capture)', () => {
  it('gives the same daily kWh as reading it every sample, all of it from the counter', () => {
    const every = replayIntoLedger(true);
    const fifth = replayIntoLedger(false);
    const counterJ = (rows[rows.length - 1]!.energyMJ - rows[0]!.energyMJ) / 1000;
    expect(rows.length).toBeGreaterThan(20);
    expect(every.tracker.measured().counterJ).toBeCloseTo(counterJ, 6);
    expect(fifth.tracker.measured()).toEqual({
      joules: expect.closeTo(counterJ, 6),
      counterJ: expect.closeTo(counterJ, 6),
      powerJ: 0,
    });
    expect(fifth.dayJ).toBeCloseTo(every.dayJ, 6);
    expect(fifth.dayJ).toBeCloseTo(counterJ, 6);
    expect(fifth.day.kWh).toBe(every.day.kWh);
    expect(fifth.day.method).toBe('counter');
  });

  it('attributes each second of a held span to the preset active at its own reading', () => {
    const every = replayIntoLedger(true);
    const fifth = replayIntoLedger(false);
    const rowsOf = (r: typeof every.byPreset) =>
      Object.fromEntries(r.rows.map((row) => [row.key, { seconds: row.seconds, kWh: row.kWh }]));
    const a = rowsOf(every.byPreset);
    const b = rowsOf(fifth.byPreset);
    expect(Object.keys(b).sort()).toEqual(['chat', 'coding']);
    // The same seconds per preset and state: the switch at sample 12 splits the span 10 → 15 where it happened.
    expect(b.coding!.seconds).toEqual(a.coding!.seconds);
    expect(b.chat!.seconds).toEqual(a.chat!.seconds);
    // The energy of the span is shared along its power curve instead of per-second counter deltas: within 2 %.
    expect(b.coding!.kWh / a.coding!.kWh).toBeCloseTo(1, 1);
    expect(b.chat!.kWh / a.chat!.kWh).toBeCloseTo(1, 1);
    expect(b.coding!.kWh + b.chat!.kWh).toBeCloseTo(a.coding!.kWh + a.chat!.kWh, 12);
  });

  it('settles an answer that ends inside a held span on the next counter read, not before', async () => {
    const tracker = new EnergyTracker({ ledger: null, getContext: () => contextAt(0), gapLimitSeconds: () => 5 });
    for (let i = 0; i <= 8; i++) tracker.ingest(sampleAt(i, false));
    const settled: string[] = [];
    const record = (name: string, from: number, to: number) =>
      tracker
        .recordRequest({ model: 'qwen2.5-7b', tokens: 100, durationMs: to - from, startedAt: from, endedAt: to })
        .then((r) => {
          settled.push(name);
          return r;
        });
    // One ends inside the held span 5 → 10; one spans it exactly, so its energy is the counter's delta.
    const inside = record('inside', rows[6]!.tMs + 200, rows[8]!.tMs + 200);
    const whole = record('whole', rows[5]!.tMs, rows[10]!.tMs);
    tracker.ingest(sampleAt(9, false)); // brackets the first answer's end, but its counter is not read yet
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toEqual([]);
    tracker.ingest(sampleAt(10, false)); // the read that books 5 → 10
    const [a, b] = await Promise.all([inside, whole]);
    expect(a).toMatchObject({ settledBy: 'readings', coverage: 1, note: null, method: 'counter' });
    expect(b).toMatchObject({ settledBy: 'readings', coverage: 1, note: null, method: 'counter' });
    // The two overlap over 6.2 → 8.2 s and share it; what they booked together is the counter's delta exactly.
    expect(a.energyJ! + b.energyJ!).toBeCloseTo((rows[10]!.energyMJ - rows[5]!.energyMJ) / 1000, 6);
    expect(a.energyJ).toBeGreaterThan(0);
    tracker.stop();
  });

  it('books the samples still held when the tracker stops from power, so nothing is lost', () => {
    const tracker = new EnergyTracker({ ledger: null, getContext: () => contextAt(0), gapLimitSeconds: () => 5 });
    for (let i = 0; i <= 3; i++) tracker.ingest(sampleAt(i, false));
    expect(tracker.measured().joules).toBe(0);
    tracker.stop();
    const expected = [1, 2, 3].reduce(
      (sum, i) => sum + ((rows[i - 1]!.powerW + rows[i]!.powerW) / 2) * ((rows[i]!.tMs - rows[i - 1]!.tMs) / 1000),
      0,
    );
    expect(tracker.measured()).toEqual({
      joules: expect.closeTo(expected, 9),
      counterJ: 0,
      powerJ: expect.closeTo(expected, 9),
    });
  });
});
