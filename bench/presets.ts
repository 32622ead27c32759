/**
 * `npm run bench -- presets [--rounds N] [--load-ms-per-gb MS]`: switch through the built-in presets in
 * a cycle against the LM Studio emulator, twice over the same cycle in one run — once with Loadout's
 * plan (keep what matches, unload/load only the difference) and once the naive way (unload everything,
 * load everything) — and print operations and wall time with their ratios.
 *
 * Load delays are proportional to model size, scaled down (default 100 ms per GB: ~1/10 of LM Studio reading a GGUF from an NVMe drive at ~1 GB/s)
 * so the bench takes seconds. Loads that ask for GPU offload go through the fake `lms`, as in real use.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HardwareSample } from '../shared/hardware/sample';
import { resolvePreset } from '../shared/presets/resolve';
import { createLmStudioClient } from '../electron/core/lmstudio/client';
import { toLoadRequest } from '../electron/core/presets/executor';
import { PresetsService } from '../electron/core/presets/presets-service';
import { SettingsStore } from '../electron/core/settings/settings-store';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../tests/emulator/index';

const GiB = 1024 ** 3;
/** The cycle a user might click through in a day: re-applying the active preset included. */
const CYCLE = ['dev', 'multi-agent', 'dual-7b', 'dual-7b', 'light', 'multi-agent', 'gaming'];

/** The reference RTX 3090 box with the emulator's loaded models counted as used VRAM. */
function liveSample(emulator: LmStudioEmulator): HardwareSample {
  const used = 0.8 * GiB + emulator.state.usedBytes();
  return {
    timestamp: new Date().toISOString(),
    cpu: { loadPercent: null, perCore: [] },
    memory: { totalBytes: 96 * GiB, usedBytes: 16 * GiB, availableBytes: 80 * GiB },
    gpus: [
      {
        index: 0,
        name: 'NVIDIA GeForce RTX 3090',
        uuid: null,
        utilizationPercent: null,
        memoryUtilizationPercent: null,
        memoryUsedBytes: used,
        memoryTotalBytes: 24 * GiB,
        temperatureC: null,
        powerW: null,
        powerLimitW: null,
        energyCounterMJ: null,
        clockSmMHz: null,
        clockMemMHz: null,
        fanPercent: null,
        pstate: null,
      },
    ],
    gpuSource: 'nvml',
    gpuUnavailableReason: null,
  };
}

interface Run {
  loads: number;
  unloads: number;
  wallMs: number;
}

function countMutations(emulator: LmStudioEmulator): { loads: number; unloads: number } {
  const is = (kind: string) =>
    emulator.state.calls.filter(
      (c) => c.method === 'POST' && (c.path === `/api/v1/models/${kind}` || c.path === `/__emulator/lms/${kind}`),
    ).length;
  return { loads: is('load'), unloads: is('unload') };
}

function flag(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} needs a non-negative number`);
  return value;
}

/** Run the cycle with one strategy against a fresh emulator; returns operations and wall time. */
async function runStrategy(strategy: 'loadout' | 'naive', rounds: number, loadMsPerGb: number): Promise<Run> {
  const emulator = await createLmStudioEmulator({ loadMsPerGb });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-bench-presets-'));
  try {
    const env = { ...process.env, LOADOUT_LMSTUDIO_URL: emulator.url, LOADOUT_LMS: FAKE_LMS_PATH, LM_API_TOKEN: '' };
    const client = createLmStudioClient({ env });
    const settings = new SettingsStore({ dataDir: dir });
    const service = new PresetsService({ settings, client, getSample: () => liveSample(emulator) });
    const started = performance.now();
    for (let round = 0; round < rounds; round++) {
      for (const id of CYCLE) {
        if (strategy === 'loadout') {
          const outcome = await service.apply(id);
          if (outcome.result !== 'ok') throw new Error(`loadout: ${id} ${outcome.result}: ${outcome.message}`);
        } else {
          // The naive switch: unload every instance, then load every model of the preset.
          const catalog = await client.listModels();
          const resolved = resolvePreset(service.store.get(id), catalog);
          for (const instance of await client.listLoaded()) await client.unload(instance.instanceId);
          for (const model of resolved.models) await client.load(toLoadRequest(model));
        }
      }
    }
    const wallMs = performance.now() - started;
    return { ...countMutations(emulator), wallMs };
  } finally {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Entry point for `npm run bench -- presets`. */
export async function main(args: string[]): Promise<void> {
  const rounds = Math.max(1, Math.floor(flag(args, '--rounds', 2)));
  const loadMsPerGb = flag(args, '--load-ms-per-gb', 100);
  console.log(`presets bench: ${rounds} round(s) of ${CYCLE.join(' → ')}, emulator load delay ${loadMsPerGb} ms/GB`);
  // Same cycle, same emulator settings, one after the other in this process.
  const naive = await runStrategy('naive', rounds, loadMsPerGb);
  const loadout = await runStrategy('loadout', rounds, loadMsPerGb);
  const row = (name: string, r: Run) =>
    `${name.padEnd(22)} ${String(r.loads).padStart(6)} ${String(r.unloads).padStart(8)} ${String(r.loads + r.unloads).padStart(6)} ${(r.wallMs / 1000).toFixed(2).padStart(9)}`;
  console.log(
    `${'strategy'.padEnd(22)} ${'loads'.padStart(6)} ${'unloads'.padStart(8)} ${'ops'.padStart(6)} ${'wall (s)'.padStart(9)}`,
  );
  console.log(row('naive (unload all)', naive));
  console.log(row('loadout plan', loadout));
  const ratio = (a: number, b: number) => (b === 0 ? '∞' : (a / b).toFixed(2));
  console.log(
    `ratios naive/loadout: operations ${ratio(naive.loads + naive.unloads, loadout.loads + loadout.unloads)}×, loads ${ratio(naive.loads, loadout.loads)}×, wall time ${ratio(naive.wallMs, loadout.wallMs)}×`,
  );
}
