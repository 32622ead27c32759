import { describe, expect, it } from 'vitest';
import { EnergyContextSource } from '../../../electron/core/energy/energy-context-source';
import type { LoadedInstance } from '../../../shared/lmstudio/types';

const instance = (modelKey: string, instanceId = modelKey): LoadedInstance => ({
  instanceId,
  modelKey,
  contextLength: 8192,
  gpuOffload: null,
  ttlSeconds: null,
  flashAttention: null,
  offloadKvCacheToGpu: null,
  status: null,
});

/** A listLoaded whose answers the test releases one by one, each the list as it was when the read started. */
function slowLmStudio(initial: LoadedInstance[]) {
  let live = initial;
  const pending: Array<() => void> = [];
  return {
    set: (list: LoadedInstance[]) => (live = list),
    reads: () => pending.length,
    release: () => pending.shift()?.(),
    listLoaded: () => {
      const snapshot = live;
      return new Promise<LoadedInstance[]>((resolve) => pending.push(() => resolve(snapshot)));
    },
  };
}

const source = (listLoaded: () => Promise<LoadedInstance[]>) =>
  new EnergyContextSource({ activePresetId: () => 'coding', listLoaded, isBusy: () => false });

describe('energy context source', () => {
  it('applies a load or unload at once, before LM Studio is read again', async () => {
    const lm = slowLmStudio([]);
    const s = source(lm.listLoaded);
    lm.set([instance('qwen')]); // LM Studio has loaded it; the client tells its listeners
    const confirmed = s.applyChange({ action: 'load', instance: instance('qwen') });
    expect(s.current().loadedModelKeys).toEqual(['qwen']);
    lm.release();
    await confirmed;
    expect(s.current()).toEqual({ presetId: 'coding', loadedModelKeys: ['qwen'], inFlight: 0 });
    void s.applyChange({ action: 'unload', instanceId: 'qwen' });
    expect(s.current().loadedModelKeys).toEqual([]);
  });

  it('discards a read that started before a change and reads again, so a stale list never wins', async () => {
    const lm = slowLmStudio([]);
    const s = source(lm.listLoaded);
    const first = s.refresh(); // the periodic read: starts while nothing is loaded
    lm.set([instance('llama')]);
    const afterLoad = s.applyChange({ action: 'load', instance: instance('llama') });
    expect(afterLoad).toBe(first);
    lm.release(); // the old read answers "nothing loaded"
    await new Promise((r) => setTimeout(r, 0));
    expect(s.current().loadedModelKeys).toEqual(['llama']);
    expect(lm.reads()).toBe(1); // and a fresh read went out
    lm.release();
    await afterLoad;
    expect(s.current().loadedModelKeys).toEqual(['llama']);
  });

  it('keeps the last known list when LM Studio does not answer; a failed call leaves it for the re-read', async () => {
    let fail = false;
    const s = source(async () => {
      if (fail) throw new Error('ECONNREFUSED');
      return [instance('qwen')];
    });
    await s.refresh();
    fail = true;
    await s.applyChange({ action: 'failed', instanceId: null });
    expect(s.current().loadedModelKeys).toEqual(['qwen']);
  });
});
