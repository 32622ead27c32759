/**
 * Executor edge cases with an in-memory LM Studio (a small state machine implementing the client's
 * load/unload/listLoaded): order, restore that cannot complete, busy confirmation, force, abort.
 */
import { describe, expect, it } from 'vitest';
import type { PresetProgress } from '../../../shared/contract/presets';
import type { LoadedInstance } from '../../../shared/lmstudio/types';
import { planPresetSwitch } from '../../../shared/presets/plan';
import type { ResolvedModel } from '../../../shared/presets/resolve';
import { LmStudioError, type LoadRequest } from '../../../electron/core/lmstudio/client-types';
import { executePresetPlan, instanceAsModel, type ExecutorDeps } from '../../../electron/core/presets/executor';
import { InFlightRegistry } from '../../../electron/core/presets/in-flight-registry';
import { instance } from '../../support/catalog-fixture';

/** An LM Studio in memory: loads get "key", "key:2"…; `failLoads` keys reject with LM Studio's message. */
function memoryLmStudio(initial: LoadedInstance[], failLoads: string[] = []) {
  const loaded = [...initial];
  const calls: string[] = [];
  let listCalls = 0;
  const client: ExecutorDeps['client'] = {
    async listLoaded() {
      listCalls++;
      return loaded.map((i) => ({ ...i }));
    },
    async unload(id) {
      calls.push(`unload ${id}`);
      const at = loaded.findIndex((i) => i.instanceId === id);
      if (at < 0) throw new LmStudioError('not-found', `No loaded instance ${id}.`);
      loaded.splice(at, 1);
    },
    async load(request: LoadRequest, options) {
      calls.push(`load ${request.key}`);
      if (options?.signal?.aborted) throw new LmStudioError('aborted', 'Cancelled.');
      if (failLoads.includes(request.key))
        throw new LmStudioError('load-failed', `LM Studio could not load ${request.key}.`, {
          lmStudioMessage: 'Failed to load model: CUDA error: out of memory',
        });
      let id = request.identifier ?? request.key;
      for (let n = 2; loaded.some((i) => i.instanceId === id); n++) id = `${request.key}:${n}`;
      const inst = instance(request.key, id, { contextLength: request.contextLength ?? 4096 });
      loaded.push(inst);
      return { instance: inst, via: 'rest-v1', loadTimeSeconds: 0.1 };
    },
  };
  return { client, loaded, calls, listCalls: () => listCalls };
}

const want = (key: string, sizeBytes: number, extra: Partial<ResolvedModel> = {}): ResolvedModel => ({
  key,
  requested: key,
  sizeBytes,
  paramsString: null,
  quantization: null,
  path: null,
  ...extra,
});
const base = { presetId: 'p', busyWaitMs: 0, restoreOnFailure: true };

describe('executePresetPlan', () => {
  it('runs unloads then loads, largest first, numbering the steps', async () => {
    const lm = memoryLmStudio([instance('a'), instance('b')]);
    const plan = planPresetSwitch({
      current: lm.loaded,
      desired: [want('small', 1e9), want('big', 9e9)],
      pinned: [],
      exclusive: true,
      sizeOf: () => null,
    });
    const progress: PresetProgress[] = [];
    const out = await executePresetPlan(
      plan,
      { client: lm.client, inFlight: new InFlightRegistry() },
      { ...base, previous: lm.loaded.slice(), onProgress: (p) => progress.push(p) },
    );
    expect(out.result).toBe('ok');
    expect(lm.calls).toEqual(['unload a', 'unload b', 'load big', 'load small']);
    expect(
      progress.filter((p) => p.step > 0 && p.phase !== 'done').map((p) => `${p.step}/${p.total} ${p.phase} ${p.key}`),
    ).toEqual(['1/4 unloading a', '2/4 unloading b', '3/4 loading big', '4/4 loading small']);
    expect(out.completed.map((s) => s.instanceId)).toEqual(['a', 'b', 'big', 'small']);
  });

  it('reports an incomplete restore instead of claiming success', async () => {
    const lm = memoryLmStudio([instance('old')], ['new', 'old']);
    const plan = planPresetSwitch({ current: lm.loaded, desired: [want('new', 1e9)], pinned: [], exclusive: true });
    const out = await executePresetPlan(
      plan,
      { client: lm.client, inFlight: new InFlightRegistry() },
      { ...base, previous: lm.loaded.slice() },
    );
    expect(out.result).toBe('failed');
    expect(out.failure).toMatchObject({
      step: 2,
      total: 2,
      lmStudioMessage: 'Failed to load model: CUDA error: out of memory',
    });
    expect(out.restored?.ok).toBe(false);
    expect(out.message).toMatch(
      /^Step 2\/2 failed: load new\. LM Studio could not load new\. LM Studio said: "Failed to load model: CUDA error: out of memory" Restoring the previous models was incomplete \(load old: /,
    );
    // The same as data, for the tray and windows to word in their language.
    expect(out.notice).toMatchObject({
      kind: 'step-failed',
      step: 2,
      total: 2,
      action: 'load',
      target: 'new',
      lmStudio: 'Failed to load model: CUDA error: out of memory',
      after: { kind: 'restore-incomplete' },
    });
  });

  it('a failing first step changes nothing and says so', async () => {
    const lm = memoryLmStudio([], ['x']);
    const plan = planPresetSwitch({ current: [], desired: [want('x', 1e9)], pinned: [], exclusive: true });
    const out = await executePresetPlan(
      plan,
      { client: lm.client, inFlight: new InFlightRegistry() },
      { ...base, previous: [] },
    );
    expect(out.message).toMatch(/Nothing was changed\.$/);
    expect(out.notice).toMatchObject({ kind: 'step-failed', after: { kind: 'nothing-changed' } });
    expect(out.restored).toBeNull();
  });

  it('asks about a busy model after the wait; "no" refuses before any call, "yes" unloads', async () => {
    const busy = instance('chatty', 'chatty', { status: 'generating' });
    for (const answer of [false, true]) {
      const lm = memoryLmStudio([busy]);
      const plan = planPresetSwitch({ current: lm.loaded, desired: [], pinned: [], exclusive: true });
      const asked: string[] = [];
      const out = await executePresetPlan(
        plan,
        { client: lm.client, inFlight: new InFlightRegistry() },
        {
          ...base,
          previous: lm.loaded.slice(),
          confirmBusy: async (b) => (asked.push(...b.map((x) => `${x.instanceId}/${x.source}`)), answer),
        },
      );
      expect(asked).toEqual(['chatty/lm-studio']);
      expect(out.result).toBe(answer ? 'ok' : 'refused');
      expect(lm.calls).toEqual(answer ? ['unload chatty'] : []);
    }
  });

  it('--force skips the busy check entirely', async () => {
    const lm = memoryLmStudio([instance('chatty', 'chatty', { status: 'generating' })]);
    const plan = planPresetSwitch({ current: lm.loaded, desired: [], pinned: [], exclusive: true });
    const out = await executePresetPlan(
      plan,
      { client: lm.client, inFlight: new InFlightRegistry() },
      { ...base, previous: lm.loaded.slice(), force: true },
    );
    expect(out.result).toBe('ok');
    expect(lm.listCalls()).toBe(0);
  });

  it('an abort during a load is a cancellation, not a failure, and no restore runs', async () => {
    const lm = memoryLmStudio([instance('old')]);
    const controller = new AbortController();
    const plan = planPresetSwitch({ current: lm.loaded, desired: [want('new', 1e9)], pinned: [], exclusive: true });
    const out = await executePresetPlan(
      plan,
      { client: lm.client, inFlight: new InFlightRegistry() },
      {
        ...base,
        previous: lm.loaded.slice(),
        signal: controller.signal,
        onProgress: (p) => p.phase === 'loading' && controller.abort(),
      },
    );
    expect(out.result).toBe('cancelled');
    expect(out.message).toMatch(/^Cancelled during step 2\/2 \(load new\)/);
    expect(lm.loaded.map((i) => i.instanceId)).toEqual([]);
    expect(out.restored).toBeNull();
  });
});

describe('instanceAsModel (what a restore loads again)', () => {
  it('keeps custom identifiers, drops LM Studio-assigned ones, keeps known settings', () => {
    expect(instanceAsModel(instance('q', 'q:2', { contextLength: 8192 }))).toMatchObject({
      key: 'q',
      contextLength: 8192,
    });
    expect(instanceAsModel(instance('q', 'q:2')).identifier).toBeUndefined();
    expect(instanceAsModel(instance('q', 'agent-a', { gpuOffload: 'off', ttlSeconds: 600 }))).toMatchObject({
      identifier: 'agent-a',
      gpuOffload: 'off',
      ttlSeconds: 600,
    });
  });
});

describe('InFlightRegistry', () => {
  it('counts per model and releases once', () => {
    const r = new InFlightRegistry();
    const end1 = r.begin('q');
    const end2 = r.begin('q');
    expect(r.isBusy({ instanceId: 'q', modelKey: 'q' })).toBe(true);
    expect(r.isBusy({ instanceId: 'q:2', modelKey: 'q' })).toBe(false);
    end1();
    end1();
    expect(r.count('q')).toBe(1);
    end2();
    expect(r.isBusy({ instanceId: 'q', modelKey: 'q' })).toBe(false);
  });
});
