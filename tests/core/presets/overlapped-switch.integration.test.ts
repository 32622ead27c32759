/**
 * The order of LM Studio calls in a switch, against the emulator: a load that fits beside what is
 * still loaded starts before an unrelated unload ends; one that needs the freed memory waits; a
 * generating model still stops the switch; cancel stops mid-switch; "usable" comes with the first model.
 * Unloads are held (until a load starts, or 400 ms) so an overlap, or its absence, shows in the order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PresetProgress } from '../../../shared/contract/presets';
import { toSwitchResult } from '../../../electron/core/api/presets-mapping';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import type { LmStudioClient } from '../../../electron/core/lmstudio/client-types';
import { PresetsService } from '../../../electron/core/presets/presets-service';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { sample } from '../../support/catalog-fixture';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator/index';

const D33 = 'deepseek-coder-33b-instruct';
const C14 = 'qwen2.5-coder-14b-instruct';
const Q7 = 'qwen2.5-7b-instruct';
const L1 = 'llama-3.2-1b-instruct';

interface Rig {
  emulator: LmStudioEmulator;
  service: PresetsService;
  timeline: string[];
  /** Hold each unload until a load starts (or 400 ms), so the order shows whether loads wait. */
  holdUnloads: boolean;
  onLoadStart: ((key: string) => void) | null;
  close(): Promise<void>;
}

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

async function startRig(busyWaitSeconds = 0): Promise<Rig> {
  const emulator = await createLmStudioEmulator({ loadMsPerGb: 5 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-overlap-'));
  const settings = new SettingsStore({ dataDir: dir });
  settings.update((s) => ({ ...s, lmstudio: { ...s.lmstudio, busyWaitSeconds, restoreOnFailure: false } }));
  const env = { ...process.env, LOADOUT_LMSTUDIO_URL: emulator.url, LOADOUT_LMS: FAKE_LMS_PATH, LM_API_TOKEN: '' };
  const real = createLmStudioClient({ env });
  let loadStarted: (() => void) | null = null;
  const r: Rig = {
    emulator,
    service: null as unknown as PresetsService,
    timeline: [],
    holdUnloads: false,
    onLoadStart: null,
    async close() {
      await emulator.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  const client: LmStudioClient = Object.assign(Object.create(real) as LmStudioClient, {
    load: async (...args: Parameters<LmStudioClient['load']>) => {
      r.timeline.push(`load-start ${args[0].key}`);
      loadStarted?.();
      r.onLoadStart?.(args[0].key);
      const loaded = await real.load(...args);
      r.timeline.push(`load-end ${args[0].key}`);
      return loaded;
    },
    unload: async (...args: Parameters<LmStudioClient['unload']>) => {
      r.timeline.push(`unload-start ${args[0]}`);
      if (r.holdUnloads)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 400);
          loadStarted = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      loadStarted = null;
      const result = await real.unload(...args);
      r.timeline.push(`unload-end ${args[0]}`);
      return result;
    },
  });
  // The RTX 3090 box: 0.8 GiB used by others plus what the emulator holds.
  r.service = new PresetsService({
    settings,
    client,
    getSample: () => sample(0.8 + emulator.state.usedBytes() / 1024 ** 3),
    busyPollMs: 20,
  });
  return r;
}

const at = (timeline: string[], entry: string) => {
  const i = timeline.indexOf(entry);
  expect(i, `${entry} in ${timeline.join(', ')}`).toBeGreaterThanOrEqual(0);
  return i;
};

describe('a preset switch that overlaps loads with unloads (LM Studio emulator)', () => {
  it('starts a load that fits beside the loaded model before that unrelated unload ends', async () => {
    rig = await startRig();
    expect((await rig.service.apply('dev')).result).toBe('ok');
    rig.timeline.length = 0;
    rig.holdUnloads = true;
    // "light" runs its two small models on the CPU (80 GiB of RAM free): nothing waits for the 33B's VRAM.
    const outcome = await rig.service.apply('light');
    expect(outcome.result, outcome.message ?? '').toBe('ok');
    expect(at(rig.timeline, `load-start ${L1}`)).toBeLessThan(at(rig.timeline, `unload-end ${D33}`));
    expect(rig.emulator.state.instances.map((i) => i.modelKey).sort()).toEqual([L1, 'llama-3.2-3b-instruct']);
  });

  it('makes a load that needs the memory an unload frees wait for that unload', async () => {
    rig = await startRig();
    expect((await rig.service.apply('dev')).result).toBe('ok');
    rig.timeline.length = 0;
    rig.holdUnloads = true;
    // A 14B and a 7B on the GPU need the VRAM the 33B holds.
    const outcome = await rig.service.apply('multi-agent');
    expect(outcome.result, outcome.message ?? '').toBe('ok');
    const firstLoad = rig.timeline.findIndex((e) => e.startsWith('load-start'));
    expect(at(rig.timeline, `unload-end ${D33}`)).toBeLessThan(firstLoad);
  });

  it('still never unloads a generating model, and loads nothing while refusing', async () => {
    rig = await startRig();
    expect((await rig.service.apply('dev')).result).toBe('ok');
    rig.timeline.length = 0;
    rig.emulator.state.instances[0]!.activeRequests = 1;
    const outcome = await rig.service.apply('light');
    expect(outcome.result).toBe('refused');
    expect(rig.timeline).toEqual([]);
    expect(rig.emulator.state.instances.map((i) => i.id)).toEqual([D33]);
  });

  it('cancels mid-switch: the running steps stop and nothing new starts', async () => {
    rig = await startRig();
    expect((await rig.service.apply('dev')).result).toBe('ok');
    rig.timeline.length = 0;
    rig.holdUnloads = true;
    let stillLoaded: string[] = [];
    rig.onLoadStart = () => {
      // The first load of "light" has started while the 33B's unload is still held: cancel now.
      stillLoaded = rig!.emulator.state.instances.map((i) => i.id);
      rig!.onLoadStart = null;
      rig!.service.cancel();
    };
    const outcome = await rig.service.apply('light');
    expect(outcome.result).toBe('cancelled');
    expect(outcome.message).toMatch(/^Cancelled during step \d\/3 /);
    expect(stillLoaded).toEqual([D33]);
    // Only the first load started; the second never did.
    expect(rig.timeline.filter((e) => e.startsWith('load-start'))).toEqual([`load-start ${L1}`]);
    expect(rig.service.list().activePresetId).not.toBe('light');
  });

  it('reports the preset usable when its first model is ready, before the rest loads', async () => {
    rig = await startRig();
    const progress: PresetProgress[] = [];
    const outcome = await rig.service.apply('multi-agent', {
      onProgress: (p) => {
        progress.push(p);
        if (p.usableAfterMs !== undefined && p.message !== null) rig!.timeline.push(`usable ${p.key}`);
      },
    });
    expect(outcome.result, outcome.message ?? '').toBe('ok');
    // multi-agent lists the 13B first (here the 14B coder): it loads first, and answers before the 7B loads.
    expect(rig.timeline).toEqual([
      `load-start ${C14}`,
      `load-end ${C14}`,
      `usable ${C14}`,
      `load-start ${Q7}`,
      `load-end ${Q7}`,
    ]);
    const usable = outcome.execution!.usableAfterMs!;
    expect(usable).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', usableAfterMs: usable });
    expect(toSwitchResult(outcome).usableAfterMs).toBe(usable);
    // Re-applying: the first model is kept, so the preset answers at once (no load, no "ready" event).
    rig.timeline.length = 0;
    const again = await rig.service.apply('multi-agent');
    expect(rig.timeline).toEqual([]);
    expect(again.execution!.usableAfterMs).toBeGreaterThanOrEqual(0);
  });
});
