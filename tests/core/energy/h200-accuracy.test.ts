/**
 * Accuracy on the real H200 capture: the tracker's energy against the GPU's own energy counter over
 * the same time. Figures documented in tests/fixtures/nvidia-smi/h200-driver-580/README.md.
 */
import { describe, expect, it } from 'vitest';
import { EnergyTracker } from '../../../electron/core/energy/energy-tracker';
import { counterAt, readNvml, readStream, sampleOf, type StreamRow } from '../../support/h200-trace';

const nvml = readNvml();
const stream = readStream();
const idle = { presetId: null, loadedModelKeys: [], inFlight: 0 };

function trackerOf(): EnergyTracker {
  return new EnergyTracker({ ledger: null, getContext: () => idle, gapLimitSeconds: () => 5 });
}

/** Relative error (%) of the tracker against the counter over the window both cover. */
function errorVsCounter(rows: StreamRow[], power: (r: StreamRow) => number): number {
  const tracker = trackerOf();
  for (const r of rows) tracker.ingest(sampleOf(r.tMs, { powerW: power(r), util: r.util }));
  const from = Math.max(rows[0]!.tMs, nvml[0]!.tMs);
  const to = Math.min(rows[rows.length - 1]!.tMs, nvml[nvml.length - 1]!.tMs);
  const measured = tracker.energyBetween(from, to).joules;
  const reference = (counterAt(nvml, to) - counterAt(nvml, from)) / 1000;
  return ((measured - reference) / reference) * 100;
}

/** Every 5th row of the 200-ms stream: nvidia-smi at 1-s sampling. */
const everySecond = (offset: number) => stream.filter((_, i) => i % 5 === offset);

describe('energy accuracy on the real H200 trace', () => {
  it('integrating power.draw at 1 s is within 0.5 % of the hardware counter (+0.20 % as the README measured it)', () => {
    const error = errorVsCounter(everySecond(1), (r) => r.powerW);
    expect(Math.abs(error)).toBeLessThan(0.5);
    expect(error).toBeCloseTo(0.196, 2);
  });

  it('stays within 0.5 % whichever second the sampling starts on', () => {
    for (let offset = 0; offset < 5; offset += 1)
      expect(Math.abs(errorVsCounter(everySecond(offset), (r) => r.powerW))).toBeLessThan(0.5);
  });

  it('contrast: integrating power.draw.instant at 1 s is off by about +25.9 % (aliasing with the bursty phase), which is why it is never used', () => {
    const error = errorVsCounter(everySecond(1), (r) => r.instantW);
    expect(error).toBeCloseTo(25.9, 0);
    expect(Math.abs(error)).toBeGreaterThan(20);
  });

  it('the counter path on nvml-50ms.csv gives exactly the counter delta', () => {
    const tracker = trackerOf();
    for (const r of nvml) tracker.ingest(sampleOf(r.tMs, { powerW: r.powerW, util: r.util, counterMJ: r.energyMJ }));
    const expected = (nvml[nvml.length - 1]!.energyMJ - nvml[0]!.energyMJ) / 1000;
    expect(expected).toBeCloseTo(9412.511, 3);
    expect(tracker.measured().joules).toBeCloseTo(expected, 6);
    expect(tracker.measured().counterJ).toBeCloseTo(expected, 6);
    expect(tracker.measured().powerJ).toBe(0);
  });

  it('a driver reload in the middle of the counter trace loses only the interval it happened in', () => {
    const tracker = trackerOf();
    const reloadAt = 300;
    const offset = nvml[reloadAt]!.energyMJ - 42;
    nvml.forEach((r, i) =>
      tracker.ingest(
        sampleOf(r.tMs, { powerW: r.powerW, counterMJ: i >= reloadAt ? r.energyMJ - offset : r.energyMJ }),
      ),
    );
    const before = nvml[reloadAt - 1]!;
    const at = nvml[reloadAt]!;
    const lostDelta = (at.energyMJ - before.energyMJ) / 1000;
    const fromPower = ((before.powerW + at.powerW) / 2) * ((at.tMs - before.tMs) / 1000);
    const expected = (nvml[nvml.length - 1]!.energyMJ - nvml[0]!.energyMJ) / 1000 - lostDelta + fromPower;
    const m = tracker.measured();
    // Only the reload interval (50 ms) is measured from power instead of the counter; everything else is kept.
    expect(m.joules).toBeCloseTo(expected, 6);
    expect(m.powerJ).toBeCloseTo(fromPower, 6);
  });
});
