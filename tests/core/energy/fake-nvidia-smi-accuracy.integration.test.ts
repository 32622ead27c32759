/**
 * The done-when of the energy ledger: the real 30-s power.draw stream replayed through the fake
 * nvidia-smi at 1-s sampling (accelerated 20×), read by Loadout's own nvidia-smi loop and row parser,
 * measured by the tracker into a real loadout.db, and the ledger's kWh compared with the GPU's own
 * energy counter (nvml-50ms.csv) over the same time: within 0.5 %.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnergyReport } from '../../../electron/core/energy/energy-reports';
import { openEnergyLedger } from '../../../electron/core/energy/energy-service';
import { EnergyTracker } from '../../../electron/core/energy/energy-tracker';
import { probeNvidiaSmi } from '../../../electron/core/hardware/smi/smi-reader';
import { SmiStream } from '../../../electron/core/hardware/smi/smi-stream';
import { ReadingClock } from '../../../shared/energy/reading-clock';
import { chooseSmiColumns, parseSmiSampleRow, SMI_SAMPLE_FIELDS } from '../../../shared/hardware/smi-gpu-row';
import type { HardwareSample } from '../../../shared/hardware/sample';
import { defaultSettings } from '../../../shared/settings/schema';
import { counterAt, readNvml } from '../../support/h200-trace';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FAKE_SMI = path.join(ROOT, 'tests/fakes/nvidia-smi/nvidia-smi');
const previous: Record<string, string | undefined> = {};
const ENV = {
  TZ: 'UTC',
  FAKE_NVSMI_SPEED: '20',
  FAKE_NVSMI_PASSES: '1',
  LOADOUT_NVIDIA_SMI: FAKE_SMI,
  LOADOUT_NVML: 'off',
};
let home: string;

beforeAll(() => {
  // The capture's wall clock was UTC; the stream's timestamps are read as local time.
  for (const [k, v] of Object.entries(ENV)) {
    previous[k] = process.env[k];
    process.env[k] = v;
  }
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-accuracy-'));
});
afterAll(() => {
  for (const [k, v] of Object.entries(previous)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  fs.rmSync(home, { recursive: true, force: true });
});

/**
 * Replay the trace through the fake nvidia-smi loop at `intervalMs`, feeding each row to the tracker.
 * Returns each row's capture time and its time on the system clock (where the tracker and the ledger put
 * it), by the shared reading-clock rule: the capture's date is not today's.
 */
async function replay(tracker: EnergyTracker, intervalMs: number): Promise<{ captured: number[]; placed: number[] }> {
  const { executable, valid } = await probeNvidiaSmi(process.env);
  const columns = chooseSmiColumns(SMI_SAMPLE_FIELDS, valid);
  const captured: number[] = [];
  const placed: number[] = [];
  const clock = new ReadingClock();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the fake nvidia-smi did not finish its pass in 20 s')), 20_000);
    const stream = new SmiStream({
      executable,
      fields: columns.fields,
      intervalMs,
      onLine: (line) => {
        const gpu = parseSmiSampleRow(line, columns);
        if (!gpu?.sampledAt) return;
        const sample: HardwareSample = {
          timestamp: new Date().toISOString(),
          cpu: { loadPercent: null, perCore: [] },
          memory: { totalBytes: null, usedBytes: null, availableBytes: null },
          gpus: [gpu],
          gpuSource: 'nvidia-smi',
          gpuUnavailableReason: null,
        };
        captured.push(Date.parse(gpu.sampledAt));
        placed.push(clock.place(Date.parse(sample.timestamp), Date.parse(gpu.sampledAt)));
        tracker.ingest(sample);
      },
      onExit: () => {
        clearTimeout(timer);
        void stream.stop().then(() => resolve(), reject);
      },
    });
    stream.start();
  });
  return { captured, placed };
}

describe('energy accuracy through the fake nvidia-smi (the done-when)', () => {
  it('1-s sampling of power.draw, through the ledger, is within 0.5 % of the hardware energy counter', async () => {
    const { opened, ledger } = openEnergyLedger(home);
    const tracker = new EnergyTracker({
      ledger,
      getContext: () => ({ presetId: 'test', loadedModelKeys: ['a-model'], inFlight: 0 }),
      gapLimitSeconds: () => 5,
    });
    const { captured, placed } = await replay(tracker, 1000);
    tracker.stop();
    expect(captured.length).toBe(31);
    // The placed times keep the capture's spacing: only the epoch moved to today.
    const shift = captured[0]! - placed[0]!;
    expect(placed.map((t) => t + shift)).toEqual(captured);
    const nvml = readNvml();
    // The ledger holds whole-trace energy; compare over the window both the stream and the counter cover.
    const from = Math.max(captured[0]!, nvml[0]!.tMs);
    const to = Math.min(captured[captured.length - 1]!, nvml[nvml.length - 1]!.tMs);
    const reference = (counterAt(nvml, to) - counterAt(nvml, from)) / 1000;
    const inWindow = tracker.energyBetween(from - shift, to - shift).joules;
    const windowError = (inWindow / reference - 1) * 100;
    expect(Math.abs(windowError)).toBeLessThan(0.5);

    const report = buildEnergyReport(ledger, {
      fromMs: placed[0]! - 60_000,
      toMs: placed[placed.length - 1]! + 60_000,
      by: 'day',
      settings: defaultSettings(),
    });
    const ledgerJ = report.kWh * 3_600_000;
    // The ledger = the window + the 103 ms the stream starts before the counter capture (~124 W) + rounding to 1 mWh.
    expect(Math.abs(ledgerJ - tracker.measured().joules)).toBeLessThan(2);
    const ledgerReference =
      (counterAt(nvml, to) - counterAt(nvml, from)) / 1000 +
      ((from - captured[0]!) / 1000) * 124.5 +
      ((captured[captured.length - 1]! - to) / 1000) * 122.8;
    expect(Math.abs(ledgerJ / ledgerReference - 1) * 100).toBeLessThan(0.5);
    expect(report.method).toBe('power-integration');
    opened.close();
    console.info(
      `fake nvidia-smi @1 s: window error ${windowError.toFixed(3)} % (${inWindow.toFixed(1)} J vs counter ${reference.toFixed(1)} J); ledger ${report.kWh} kWh`,
    );
  });
});
