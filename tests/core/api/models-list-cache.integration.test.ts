/**
 * `models.list` (what MCP `status` and `models` read) from memory for a moment, over a real core and the
 * LM Studio emulator: a second call does not ask LM Studio again, an unload Loadout ran shows at once,
 * and a change made outside Loadout shows once the freshness window passed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppApi, type AppApi } from '../../../electron/core/api/create-app-api';
import { createModelsStateCache } from '../../../electron/core/api/models-state-cache';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { createContractDispatch, type ModelsState } from '../../../shared/contract';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator';

let emu: LmStudioEmulator | null = null;
let core: AppCore | null = null;
let api: AppApi | null = null;
let home = '';
afterEach(async () => {
  api?.dispose();
  await core?.dispose();
  await emu?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
  emu = core = api = null;
  home = '';
});

const caller = { transport: 'ws' as const, callerId: 'one' };
const loadedIds = (r: unknown) =>
  (r as { ok: true; result: ModelsState }).result.loaded.map((l) => l.instanceId).sort();

describe('models.list is kept for a moment', () => {
  it('answers again without asking LM Studio, and shows an unload Loadout ran at once', async () => {
    emu = await createLmStudioEmulator({
      preload: [
        { key: 'qwen2.5-coder-14b-instruct', contextLength: 8192 },
        { key: 'qwen2.5-7b-instruct', contextLength: 8192 },
      ],
    });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-models-cache-'));
    core = createAppCore({ dataDir: home, env: { LOADOUT_LMSTUDIO_URL: emu.url, PATH: '' }, onMessage: () => {} });
    api = createAppApi(core, { host: 'serve', events: { emit: () => {} }, env: {} });
    const dispatch = createContractDispatch(api.handlers);

    const first = await dispatch('models.list', undefined, caller);
    expect(loadedIds(first)).toEqual(['qwen2.5-7b-instruct', 'qwen2.5-coder-14b-instruct']);
    const callsBefore = emu.state.calls.length;
    const second = await dispatch('models.list', undefined, caller);
    expect(loadedIds(second)).toEqual(loadedIds(first));
    expect(emu.state.calls.length).toBe(callsBefore);

    expect(await dispatch('models.unload', { instanceId: 'qwen2.5-7b-instruct' }, caller)).toMatchObject({ ok: true });
    expect(loadedIds(await dispatch('models.list', undefined, caller))).toEqual(['qwen2.5-coder-14b-instruct']);
  });
});

describe('createModelsStateCache', () => {
  const state = (loaded: string[]): ModelsState =>
    ({
      reachable: true,
      apiLevel: 'v1',
      message: null,
      catalog: [],
      loaded: loaded.map((id) => ({
        instanceId: id,
        modelKey: id,
        contextLength: null,
        gpuOffload: null,
        ttlSeconds: null,
        flashAttention: null,
        offloadKvCacheToGpu: null,
        status: null,
        displayName: null,
        sizeBytes: null,
        pinned: false,
      })),
    }) as ModelsState;

  it('reads again after freshMs (changes made outside Loadout, served once more while the read runs, never past staleMs) or at once after a load event, and never keeps an unreachable LM Studio', async () => {
    let clock = 0;
    let reads = 0;
    let lmStudio = state(['a']);
    let tell: () => void = () => {};
    const cache = createModelsStateCache(
      async () => (reads++, lmStudio),
      (listener) => ((tell = listener), () => {}),
      { freshMs: 1000, staleMs: 5000, now: () => clock },
    );
    expect((await cache.get()).loaded.map((l) => l.instanceId)).toEqual(['a']);
    lmStudio = state(['a', 'b']);
    clock = 999;
    expect((await cache.get()).loaded).toHaveLength(1);
    clock = 1000;
    expect((await cache.get()).loaded).toHaveLength(1); // the kept one, while one read refreshes it
    expect((await cache.get()).loaded).toHaveLength(2);
    expect(reads).toBe(2);
    lmStudio = state(['c']);
    clock = 1000 + 5000;
    expect((await cache.get()).loaded.map((l) => l.instanceId)).toEqual(['c']); // past staleMs: waits for LM Studio
    lmStudio = state([]);
    tell();
    expect((await cache.get()).loaded).toHaveLength(0);
    expect(reads).toBe(4);
    lmStudio = { ...state([]), reachable: false };
    tell();
    await cache.get();
    await cache.get();
    expect(reads).toBe(6);
  });
});
