/**
 * On the real H200 capture at 1 Hz: while an answer or a benchmark run holds the fine-grain demand, the energy
 * counter is read every sample (the reader's own schedule, EnergyCounterSchedule, asked as the monitor asks it),
 * so a short bursty answer gets its own seconds' counter deltas, not a power-shaped share of a 5-s delta; idle,
 * it is read every 5 s and the day's totals are the counter's all the same.
 */
import { describe, expect, it } from 'vitest';
import { integrateWindow, RunTelemetry } from '../../../electron/core/bench/run-telemetry';
import { EnergyTracker } from '../../../electron/core/energy/energy-tracker';
import { EnergyCounterSchedule } from '../../../electron/core/hardware/nvml/energy-counter-schedule';
import { ENERGY_COUNTER_PERIOD_MS } from '../../../shared/energy/counter-reads';
import { FineGrainDemand } from '../../../shared/energy/fine-grain-demand';
import type { HardwareSample } from '../../../shared/hardware/sample';
import { readNvml, sampleOf } from '../../support/h200-trace';

/** The capture at 1 Hz (every 20th 50-ms row). */
const rows = readNvml().filter((_, i) => i % 20 === 0);
const NO_CONTEXT = { presetId: null, loadedModelKeys: [], inFlight: 0 };

type Mode = 'every second' | 'every period' | 'fine grain';

/**
 * Replay the capture into a tracker, the counter read as `mode` says: always, every period, or every period
 * unless the demand is held (over `holds`, [start, end] Unix ms). Returns the tracker and the published samples.
 */
function replay(mode: Mode, holds: Array<[number, number]>) {
  let clock = rows[0]!.tMs;
  const demand = new FineGrainDemand(() => clock);
  const schedule = new EnergyCounterSchedule(ENERGY_COUNTER_PERIOD_MS);
  const tracker = new EnergyTracker({ ledger: null, getContext: () => NO_CONTEXT, gapLimitSeconds: () => 5 });
  const events = [
    ...holds.map(([start, end]) => ({ tMs: start, run: () => holdUntil(end) })),
    ...rows.map((row) => ({ tMs: row.tMs, run: () => sample(row) })),
  ].sort((a, b) => a.tMs - b.tMs);
  const releases: Array<{ tMs: number; release: () => void }> = [];
  const holdUntil = (end: number) => releases.push({ tMs: end, release: demand.hold() });
  const published: HardwareSample[] = [];
  let reads = 0;
  const sample = (row: (typeof rows)[number]) => {
    schedule.everySample = mode === 'every second' || (mode === 'fine grain' && demand.wanted());
    const s = sampleOf(row.tMs, { powerW: row.powerW, util: row.util, counterMJ: row.energyMJ });
    const due = schedule.due(0, row.tMs);
    if (due) {
      schedule.read(0, row.tMs);
      reads += 1;
    }
    const out = due
      ? s
      : { ...s, gpus: [{ ...s.gpus[0]!, energyCounterMJ: null, energyCounterNotRead: true as const }] };
    tracker.ingest(out);
    published.push(out);
    demand.sampled(row.tMs);
  };
  for (const event of events) {
    for (const r of releases.filter((x) => x.tMs <= event.tMs)) {
      clock = r.tMs;
      r.release();
      releases.splice(releases.indexOf(r), 1);
    }
    clock = event.tMs;
    event.run();
  }
  return { tracker, published, reads: () => reads };
}

/** An answer's energy as the tracker records it, settled at the tracker's stop at the latest. */
async function answerJ(mode: Mode, startMs: number, endMs: number): Promise<number> {
  const { tracker } = replay(mode, [[startMs, endMs]]);
  const recorded = tracker.recordRequest({
    model: 'qwen2.5-7b',
    tokens: 100,
    durationMs: endMs - startMs,
    startedAt: startMs,
    endedAt: endMs,
  });
  tracker.stop();
  const r = await recorded;
  expect(r).toMatchObject({ coverage: 1, method: 'counter' });
  return r.energyJ!;
}

describe('fine-grain energy while an answer or a benchmark run goes on (H200 capture)', () => {
  it("gives a short bursty answer its own seconds' counter deltas, which the 5-s reads missed by over 20 %", async () => {
    // 2 s while the GPU ramps from 240 W to 920 W: the answer begins as sample 6 is taken.
    const start = rows[6]!.tMs;
    const end = rows[8]!.tMs;
    const perSecond = await answerJ('every second', start, end);
    const held = await answerJ('every period', start, end);
    const fine = await answerJ('fine grain', start, end);
    expect(perSecond).toBeCloseTo((rows[8]!.energyMJ - rows[6]!.energyMJ) / 1000, 6);
    expect(Math.abs(held / perSecond - 1)).toBeGreaterThan(0.2);
    expect(fine).toBeCloseTo(perSecond, 6);
  });

  it('brackets a mid-second start from the next sample: only the first partial second is a share', async () => {
    // Begins 300 ms after sample 14 (GPU power falling fast): the first 0.7 s share the span 10 → 15's delta.
    const start = rows[14]!.tMs + 300;
    const end = start + 2000;
    const perSecond = await answerJ('every second', start, end);
    const held = await answerJ('every period', start, end);
    const fine = await answerJ('fine grain', start, end);
    expect(Math.abs(fine / perSecond - 1)).toBeLessThan(Math.abs(held / perSecond - 1) / 3);
    // From its first sample on, the answer's energy is the counter's own delta.
    const { tracker } = replay('fine grain', [[start, end]]);
    tracker.stop();
    expect(tracker.energyBetween(rows[15]!.tMs, rows[16]!.tMs).joules).toBeCloseTo(
      (rows[16]!.energyMJ - rows[15]!.energyMJ) / 1000,
      6,
    );
  });

  it('keeps the day exact and reads every sample only while held', () => {
    const idle = replay('every period', []);
    const busy = replay('fine grain', [
      [rows[6]!.tMs, rows[8]!.tMs],
      [rows[14]!.tMs + 300, rows[16]!.tMs + 300],
    ]);
    const readAt = (r: ReturnType<typeof replay>) =>
      r.published.flatMap((s, i) => (s.gpus[0]!.energyCounterNotRead ? [] : [i]));
    for (const r of [idle, busy]) {
      r.tracker.stop();
      // Up to the last read, the counter's delta exactly; the samples after it, held at the stop, from power.
      const last = readAt(r).at(-1)!;
      let tailJ = 0;
      for (let i = last + 1; i < rows.length; i++)
        tailJ += ((rows[i - 1]!.powerW + rows[i]!.powerW) / 2) * ((rows[i]!.tMs - rows[i - 1]!.tMs) / 1000);
      expect(r.tracker.measured()).toEqual({
        joules: expect.closeTo((rows[last]!.energyMJ - rows[0]!.energyMJ) / 1000 + tailJ, 6),
        counterJ: expect.closeTo((rows[last]!.energyMJ - rows[0]!.energyMJ) / 1000, 6),
        powerJ: expect.closeTo(tailJ, 6),
      });
    }
    // Idle every 5th sample. Held: 6 → 8 (the first answer ends as sample 8 is taken, which brackets it) and
    // 15 → 17 (the second ends at 16.3 s: sample 17 brackets it); the period again from each bracketing read.
    expect(readAt(idle).slice(0, 6)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(readAt(busy).slice(0, 11)).toEqual([0, 5, 6, 7, 8, 13, 15, 16, 17, 22, 27]);
  });

  it("gives a benchmark run's window its own seconds' energy: the telemetry holds the demand from start to stop", () => {
    // The bench's telemetry holds the monitor's demand while it collects (start → stop).
    const calls: string[] = [];
    const telemetry = new RunTelemetry({
      subscribe: () => () => calls.push('unsubscribed'),
      latest: () => null,
      holdEnergyFineGrain: () => {
        calls.push('held');
        return () => calls.push('released');
      },
    });
    telemetry.start();
    telemetry.start();
    expect(calls).toEqual(['held']);
    telemetry.stop();
    telemetry.stop();
    expect(calls).toEqual(['held', 'unsubscribed', 'released']);

    // A run collecting from sample 3 (the warm-up) to one sample after its window 6 → 8 ends.
    const window: [number, number] = [rows[6]!.tMs, rows[8]!.tMs];
    const run = (mode: Mode) =>
      integrateWindow(replay(mode, [[rows[3]!.tMs - 100, rows[9]!.tMs - 100]]).published, ...window);
    const perSecond = run('every second');
    expect(perSecond.joules).toBeCloseTo((rows[8]!.energyMJ - rows[6]!.energyMJ) / 1000, 6);
    expect(Math.abs(run('every period').joules! / perSecond.joules! - 1)).toBeGreaterThan(0.2);
    expect(run('fine grain')).toEqual({ ...perSecond, joules: expect.closeTo(perSecond.joules!, 6) });
  });
});
