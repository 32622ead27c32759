/**
 * The real H200 capture (tests/fixtures/nvidia-smi/h200-driver-580) as energy tests need it: the
 * nvidia-smi 200-ms stream and the NVML 50-ms energy counter over the same 30 s.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HardwareSample } from '../../shared/hardware/sample';

export const H200_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/nvidia-smi/h200-driver-580',
);

export interface StreamRow {
  tMs: number;
  util: number;
  powerW: number;
  instantW: number;
}
export interface NvmlRow {
  tMs: number;
  powerW: number;
  energyMJ: number;
  util: number;
}

/** The stream rows; its timestamps are the capture machine's wall clock, which was UTC (they line up with NVML's Unix ms). */
export function readStream(): StreamRow[] {
  return fs
    .readFileSync(path.join(H200_DIR, 'stream-200ms.csv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => {
      const [ts, util, , power, instant] = line.split(',').map((c) => c.trim());
      const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3})$/.exec(ts ?? '');
      if (!m) throw new Error(`unexpected timestamp ${ts}`);
      const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[];
      return {
        tMs: Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!),
        util: Number(util),
        powerW: Number(power),
        instantW: Number(instant),
      };
    });
}

/** The NVML rows (power in W, the cumulative energy counter in mJ). */
export function readNvml(): NvmlRow[] {
  const [, ...lines] = fs
    .readFileSync(path.join(H200_DIR, 'nvml-50ms.csv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  return lines.map((line) => {
    const [t, mw, mj, util] = line.split(',').map(Number);
    return { tMs: t!, powerW: mw! / 1000, energyMJ: mj!, util: util! };
  });
}

/** The counter's value (mJ) at any time inside the capture, linear between the 50-ms reads. */
export function counterAt(nvml: NvmlRow[], tMs: number): number {
  for (let i = 1; i < nvml.length; i += 1) {
    const a = nvml[i - 1]!;
    const b = nvml[i]!;
    if (tMs >= a.tMs && tMs <= b.tMs) return a.energyMJ + ((b.energyMJ - a.energyMJ) * (tMs - a.tMs)) / (b.tMs - a.tMs);
  }
  throw new RangeError(`${tMs} is outside the NVML capture`);
}

/** A HardwareSample with one GPU, as the monitor publishes it. */
export function sampleOf(
  tMs: number,
  gpu: { powerW: number | null; util?: number | null; counterMJ?: number | null; uuid?: string },
): HardwareSample {
  const iso = new Date(tMs).toISOString();
  return {
    timestamp: iso,
    cpu: { loadPercent: null, perCore: [] },
    memory: { totalBytes: null, usedBytes: null, availableBytes: null },
    gpus: [
      {
        index: 0,
        name: 'NVIDIA H200',
        uuid: gpu.uuid ?? 'GPU-h200',
        utilizationPercent: gpu.util ?? null,
        memoryUtilizationPercent: null,
        memoryUsedBytes: null,
        memoryTotalBytes: null,
        temperatureC: null,
        powerW: gpu.powerW,
        powerLimitW: 700,
        energyCounterMJ: gpu.counterMJ ?? null,
        clockSmMHz: null,
        clockMemMHz: null,
        fanPercent: null,
        pstate: null,
        sampledAt: iso,
      },
    ],
    gpuSource: gpu.counterMJ != null ? 'nvml' : 'nvidia-smi',
    gpuUnavailableReason: null,
  };
}
