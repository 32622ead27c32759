/**
 * `npm run bench -- presets [--rounds N] [--load-ms-per-gb MS] [--unload-ms MS]`: switch through presets
 * against the LM Studio emulator, the same switches in one run with Loadout's plan (keep what matches,
 * loads that fit overlap the unloads, the preset's first model first) and the naive way (unload
 * everything, then load everything). Two cycles: the built-ins a user clicks through in a day, and an
 * overlap-heavy one (multi-agent ⇄ dual-7b share a 7B). Per switch it times the whole switch and the
 * time until a model of the new preset answers a chat: asked the moment the switch says the preset is
 * usable (a model of it kept counts at once), and by the naive way once its first load returns. It checks each switch's loads and unloads
 * against the minimum worked out by hand below and fails loudly if the plan does more.
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
import type { LmStudioClient } from '../electron/core/lmstudio/client-types';
import { toLoadRequest } from '../electron/core/presets/executor';
import { PresetsService } from '../electron/core/presets/presets-service';
import { SettingsStore } from '../electron/core/settings/settings-store';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../tests/emulator/index';

const GiB = 1024 ** 3;
/**
 * The cycles, each switch with its hand-computed minimum [loads, unloads] on the emulator's catalog
 * (no 7B coder: dual-7b is two Qwen2.5 7Bs; multi-agent's 13B is the 14B coder; gaming is empty).
 */
const CYCLES: Record<string, [id: string, loads: number, unloads: number][]> = {
  // A day's clicking, re-applying the active preset included; starts and ends empty.
  day: [
    ['dev', 1, 0], // load the 33B
    ['multi-agent', 2, 1], // unload the 33B; load the 14B and the 7B
    ['dual-7b', 1, 1], // keep the 7B; unload the 14B; load a second 7B
    ['dual-7b', 0, 0], // already active
    ['light', 2, 2], // unload both 7Bs; load the 1B and the 3B
    ['multi-agent', 2, 2], // unload the 1B and the 3B; load the 14B and the 7B
    ['gaming', 0, 2], // unload both
  ],
  // Overlapping presets: the 7B stays; one model goes and one comes each time.
  overlap: [
    ['multi-agent', 2, 0],
    ['dual-7b', 1, 1],
    ['multi-agent', 1, 1],
    ['dual-7b', 1, 1],
    ['multi-agent', 1, 1],
    ['gaming', 0, 2],
  ],
};

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

interface Switch {
  id: string;
  loads: number;
  unloads: number;
  wallMs: number;
  /** Until a model of the preset answered a chat; null for an empty preset. */
  usableMs: number | null;
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

/** Ask `model` one short question on the emulator's OpenAI route; throws unless it answers. */
async function ask(emulator: LmStudioEmulator, model: string): Promise<void> {
  const res = await fetch(`${emulator.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 1 }),
  });
  if (!res.ok)
    throw new Error(`${model} did not answer when the switch said it could: HTTP ${res.status} ${await res.text()}`);
  await res.json();
}

/** Run one cycle with one strategy against a fresh emulator; returns each switch's figures. */
async function runCycle(
  strategy: 'loadout' | 'naive',
  cycle: (typeof CYCLES)[string],
  loadMsPerGb: number,
  unloadMs: number,
): Promise<Switch[]> {
  const emulator = await createLmStudioEmulator({ loadMsPerGb, answerText: 'ok' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-bench-presets-'));
  try {
    const env = { ...process.env, LOADOUT_LMSTUDIO_URL: emulator.url, LOADOUT_LMS: FAKE_LMS_PATH, LM_API_TOKEN: '' };
    const real = createLmStudioClient({ env });
    // LM Studio takes a moment to free a model; the emulator frees it at once unless --unload-ms says otherwise.
    const client: LmStudioClient = Object.assign(Object.create(real) as LmStudioClient, {
      unload: async (...a: Parameters<LmStudioClient['unload']>) => {
        if (unloadMs > 0) await new Promise((r) => setTimeout(r, unloadMs));
        return real.unload(...a);
      },
    });
    const settings = new SettingsStore({ dataDir: dir });
    const service = new PresetsService({ settings, client, getSample: () => liveSample(emulator) });
    const out: Switch[] = [];
    for (const [id, wantLoads, wantUnloads] of cycle) {
      const before = countMutations(emulator);
      const keys = resolvePreset(service.store.get(id), await client.listModels()).models.map((m) => m.key);
      let answered: Promise<number> | null = null;
      const started = performance.now();
      // Ask a model of the preset that is loaded now: the chat fails (and the bench with it) if none is.
      const askNow = () => {
        const ready = emulator.state.instances.find((i) => keys.includes(i.modelKey));
        if (!ready) throw new Error(`${strategy}: "${id}" said it was usable with none of its models loaded`);
        answered ??= ask(emulator, ready.id).then(() => performance.now() - started);
      };
      if (strategy === 'loadout') {
        const outcome = await service.apply(id, {
          onProgress: (p) => {
            if (keys.length && p.usableAfterMs !== undefined && !answered) askNow();
          },
        });
        if (outcome.result !== 'ok') throw new Error(`loadout: ${id} ${outcome.result}: ${outcome.message}`);
      } else {
        const catalog = await client.listModels();
        const resolved = resolvePreset(service.store.get(id), catalog);
        for (const instance of await client.listLoaded()) await client.unload(instance.instanceId);
        for (const model of resolved.models) {
          await client.load(toLoadRequest(model));
          if (!answered) askNow();
        }
      }
      const wallMs = performance.now() - started;
      if (keys.length && !answered) throw new Error(`${strategy}: ${id} never reported its first model usable`);
      const usableMs = answered ? await answered : null;
      const after = countMutations(emulator);
      const loads = after.loads - before.loads;
      const unloads = after.unloads - before.unloads;
      if (strategy === 'loadout' && (loads !== wantLoads || unloads !== wantUnloads))
        throw new Error(
          `The plan is not minimal: switching to "${id}" made ${loads} loads + ${unloads} unloads; the hand-computed minimum is ${wantLoads} + ${wantUnloads}.`,
        );
      if (process.env.BENCH_PRESETS_DEBUG)
        console.log(strategy, id, Math.round(wallMs), usableMs && Math.round(usableMs));
      out.push({ id, loads, unloads, wallMs, usableMs });
    }
    return out;
  } finally {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const spread = (xs: number[]) => `${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)}`;

/** Entry point for `npm run bench -- presets`. */
export async function main(args: string[]): Promise<void> {
  const rounds = Math.max(1, Math.floor(flag(args, '--rounds', 3)));
  const loadMsPerGb = flag(args, '--load-ms-per-gb', 100);
  const unloadMs = flag(args, '--unload-ms', 0);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `presets bench: ${os.hostname()} (${cpu}, ${os.cpus().length} cores, Node ${process.version}); emulator loads ${loadMsPerGb} ms/GB, unloads +${unloadMs} ms; N = ${rounds} rounds per cycle and strategy, alternated`,
  );
  for (const [name, cycle] of Object.entries(CYCLES)) {
    const totals = { naive: [] as number[], loadout: [] as number[] };
    const usable = { naive: [] as number[], loadout: [] as number[] };
    const ops = { naive: 0, loadout: 0 };
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first, so drift on a shared machine hits both.
      const order: ('naive' | 'loadout')[] = round % 2 ? ['loadout', 'naive'] : ['naive', 'loadout'];
      for (const strategy of order) {
        const run = await runCycle(strategy, cycle, loadMsPerGb, unloadMs);
        totals[strategy].push(sum(run.map((r) => r.wallMs)));
        usable[strategy].push(sum(run.map((r) => r.usableMs ?? 0)));
        ops[strategy] = sum(run.map((r) => r.loads + r.unloads));
      }
    }
    const minimum = sum(cycle.map(([, l, u]) => l + u));
    console.log(
      `\n${name}: ${cycle.map(([id]) => id).join(' → ')}\n  plan minimal: ${ops.loadout} operations = hand-computed ${minimum} (naive: ${ops.naive})`,
    );
    console.log(`  ${'strategy'.padEnd(22)} ${'usable, s (median; min–max)'.padEnd(30)} total, s (median; min–max)`);
    for (const s of ['naive', 'loadout'] as const)
      console.log(
        `  ${(s === 'naive' ? 'naive (unload all)' : 'loadout plan').padEnd(22)} ${`${(median(usable[s]) / 1000).toFixed(2)}; ${spread(usable[s])}`.padEnd(30)} ${(median(totals[s]) / 1000).toFixed(2)}; ${spread(totals[s])}`,
      );
    const ratio = (a: number[], b: number[]) => (median(a) / Math.max(median(b), 1e-9)).toFixed(2);
    const usableRatio = Number(ratio(usable.naive, usable.loadout));
    console.log(
      `  naive/loadout (medians): time to usable ${usableRatio}×, total ${ratio(totals.naive, totals.loadout)}×${name === 'overlap' ? `  (target ≥ 2× to usable on overlapping presets: ${usableRatio >= 2 ? 'met' : 'MISSED'})` : ''}`,
    );
  }
}
