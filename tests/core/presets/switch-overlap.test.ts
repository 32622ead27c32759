/** Which loads may start before the unloads end: never beyond the free memory plus what finished unloads gave back. */
import { describe, expect, it } from 'vitest';
import type { MemoryDemand } from '../../../shared/models/memory-fit';
import type { PlanStep } from '../../../shared/presets/plan';
import { scheduleLoads } from '../../../electron/core/presets/switch-overlap';
import { sample } from '../../support/catalog-fixture';

const GiB = 1024 ** 3;

function entry(action: 'load' | 'unload', key: string, gib: number, gpuOffload: MemoryDemand['gpuOffload'] = 'max') {
  const step: PlanStep = {
    action,
    key,
    instanceId: action === 'unload' ? key : null,
    sizeBytes: gib * GiB,
    reason: '',
  };
  // A short context keeps the KV cache small; the weights dominate.
  const demand: MemoryDemand = { key, sizeBytes: gib * GiB, paramsString: '7B', contextLength: 512, gpuOffload };
  return { step, demand };
}

const order = (loads: ReturnType<typeof scheduleLoads>) => loads.map((l) => [l.step.key, l.afterUnloads]);

describe('scheduleLoads', () => {
  it('starts what fits beside the loaded models at once and makes the rest wait for just enough unloads', () => {
    // 24 GiB card, 20 GiB used (two 9 GiB models loaded and 2 GiB of others): about 3.5 GiB free.
    const loads = [entry('load', 'gpu-12', 12), entry('load', 'cpu-4', 4, 'off'), entry('load', 'gpu-2', 2)];
    const unloads = [entry('unload', 'old-a', 9), entry('unload', 'old-b', 9)];
    expect(order(scheduleLoads({ loads, unloads, sample: sample(20) }))).toEqual([
      ['cpu-4', 0], // RAM only: 80 GiB free
      ['gpu-2', 0], // 2 GiB + buffers fits in the 3.5 GiB free
      ['gpu-12', 2], // needs both unloads' VRAM: one gives ~9 GiB, not enough beside the 2 GiB load
    ]);
  });

  it('loads the preset’s first model first, even when a larger load fits too', () => {
    const loads = [entry('load', 'big', 6), entry('load', 'first', 3)];
    const out = scheduleLoads({ loads, unloads: [], sample: sample(2), primary: loads[1]!.step });
    expect(order(out)).toEqual([
      ['first', 0],
      ['big', 0],
    ]);
  });

  it('makes a reload of the same model wait for the old instance, whatever the memory', () => {
    const loads = [entry('load', 'same', 1)];
    const unloads = [entry('unload', 'other', 1), entry('unload', 'same', 1)];
    expect(order(scheduleLoads({ loads, unloads, sample: sample(2) }))).toEqual([['same', 2]]);
  });

  it('overlaps nothing when there is no hardware sample', () => {
    const loads = [entry('load', 'a', 1, 'off'), entry('load', 'b', 1)];
    const unloads = [entry('unload', 'x', 1)];
    expect(order(scheduleLoads({ loads, unloads, sample: null }))).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });

  it('never counts on more VRAM than the card has, and lets the rest go after every unload', () => {
    // 1 GiB used, yet an unload "frees" 30 GiB: the cap is the 24 GiB card.
    const loads = [entry('load', 'huge', 23)];
    const unloads = [entry('unload', 'ghost', 30)];
    expect(order(scheduleLoads({ loads, unloads, sample: sample(1) }))).toEqual([['huge', 1]]);
  });
});
