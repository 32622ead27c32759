/**
 * The edges of the memory budget and estimate (issue 15): several GPUs, readings with missing figures,
 * unknown sizes and shapes, and the GPU/CPU split the fit box suggests. Figures worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  budgetFromSample,
  checkMemoryFit,
  estimateInstanceMemory,
  estimateKvCacheBytes,
  formatGiB,
  parseParamsBillions,
} from '../../../shared/models/memory-fit';
import { sample } from '../../support/catalog-fixture';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe('the budget a reading gives', () => {
  it('sums the free memory of every GPU with figures, never below zero each, and skips the others', () => {
    const s = sample(4);
    const gpu = s.gpus[0]!;
    s.gpus = [
      gpu,
      { ...gpu, index: 1, memoryTotalBytes: 8 * GiB, memoryUsedBytes: 9 * GiB },
      { ...gpu, index: 2, memoryUsedBytes: null },
      { ...gpu, index: 3, memoryTotalBytes: null },
    ];
    expect(budgetFromSample(s)).toEqual({
      vramFreeBytes: 20 * GiB,
      vramTotalBytes: 32 * GiB,
      ramFreeBytes: 80 * GiB,
      gpuUnavailableReason: null,
    });
  });

  it('takes free RAM as total − used when the reading has no available figure', () => {
    const s = sample(4, 80);
    s.memory = { totalBytes: 96 * GiB, usedBytes: 40 * GiB, availableBytes: null };
    expect(budgetFromSample(s).ramFreeBytes).toBe(56 * GiB);
    s.memory = { totalBytes: 96 * GiB, usedBytes: null, availableBytes: null };
    expect(budgetFromSample(s).ramFreeBytes).toBeNull();
  });

  it('says why there is no GPU figure', () => {
    expect(budgetFromSample(null).gpuUnavailableReason).toBe('no hardware sample yet');
    const s = sample(4);
    s.gpus = [{ ...s.gpus[0]!, memoryTotalBytes: null }];
    expect(budgetFromSample(s)).toMatchObject({
      vramFreeBytes: null,
      vramTotalBytes: null,
      gpuUnavailableReason: 'the GPU reading has no memory figures',
    });
    s.gpuUnavailableReason = 'driver busy';
    expect(budgetFromSample(s).gpuUnavailableReason).toBe('driver busy');
  });
});

describe('one instance estimate', () => {
  it('uses the header shape only when it is complete', () => {
    expect(estimateKvCacheBytes(4096, { layers: 32, kvHeads: 8, headDim: 128 }, null)).toEqual({
      bytes: 512 * MiB,
      source: 'gguf-header',
    });
    for (const broken of [
      { layers: 0, kvHeads: 8, headDim: 128 },
      { layers: 32, kvHeads: 0, headDim: 128 },
      { layers: 32, kvHeads: 8, headDim: 0 },
    ]) {
      // A broken header falls back to the heuristic; with no size known that is the 7B (Llama 3.1 8B) shape.
      expect(estimateKvCacheBytes(4096, broken, null)).toEqual({ bytes: 512 * MiB, source: 'heuristic' });
    }
    // 1B: 16 layers × 8 heads × 64 → 2 × 16 × 8 × 64 × 4096 × 2 = 128 MiB.
    expect(estimateKvCacheBytes(4096, null, 1)).toEqual({ bytes: 128 * MiB, source: 'heuristic' });
  });

  it('estimates the weights from the parameter count when the size is unknown, from the key when the label is missing', () => {
    // 7B at Q4_K_M's 4.9 bits: 7e9 × 4.9 / 8 = 4.2875e9 bytes; the default context is 4096.
    const e = estimateInstanceMemory({
      key: 'acme/model-7b',
      sizeBytes: null,
      paramsString: null,
      contextLength: null,
    });
    expect(e).toEqual({
      key: 'acme/model-7b',
      weightsBytes: 4_287_500_000,
      kvCacheBytes: 512 * MiB,
      overheadBytes: 512 * MiB,
      totalBytes: 4_287_500_000 + GiB,
      kvSource: 'heuristic',
      contextLength: 4096,
    });
    expect(
      estimateInstanceMemory({ key: 'acme/model', sizeBytes: null, paramsString: '14B', contextLength: 2048 })
        .weightsBytes,
    ).toBe(8_575_000_000);
    // Nothing known at all: a 7B.
    expect(
      estimateInstanceMemory({ key: 'acme/model', sizeBytes: null, paramsString: null, contextLength: 4096 })
        .weightsBytes,
    ).toBe(4_287_500_000);
  });

  it('formats and parses the small things', () => {
    expect(formatGiB(1.25 * GiB)).toBe('1.3 GiB');
    expect(parseParamsBillions('26B-A4B')).toBe(26);
    expect(parseParamsBillions(null)).toBeNull();
  });
});

describe('what the fit box suggests', () => {
  it('a GPU/CPU split when neither the GPU nor RAM alone holds the model', () => {
    // 24 − 14.5 − 0.5 = 9 GiB of VRAM; 10 − 2 = 8 GiB of RAM; the model needs 15.5 GiB in all
    // (14 GiB weights + 1 GiB KV + 0.5): 9 on the GPU leaves 6.5 for RAM. Ratio floor(9 / 15.5 × 10) / 10 = 0.5.
    const result = checkMemoryFit({
      loads: [
        {
          key: 'acme/big',
          sizeBytes: 14 * GiB,
          paramsString: '8B',
          contextLength: 8192,
          gpuOffload: 'max',
          kvShape: { layers: 32, kvHeads: 8, headDim: 128 },
        },
      ],
      unloads: [],
      sample: sample(14.5, 10),
    });
    expect(result.problems[0]!.suggestions).toContain('a GPU/CPU split: gpuOffload 0.5 (the rest in RAM; slower)');
  });

  it('says when nothing smaller fits, and why it checked RAM only', () => {
    const s = sample(0, 3, false);
    s.gpuUnavailableReason = null;
    const result = checkMemoryFit({
      loads: [{ key: 'acme/big', sizeBytes: 14 * GiB, paramsString: '8B', contextLength: 1024, gpuOffload: 'off' }],
      unloads: [],
      sample: s,
    });
    expect(
      result.message.startsWith(
        'No GPU memory reading (the GPU reading has no memory figures): checked against RAM only. Does not fit.',
      ),
    ).toBe(true);
    expect(result.message.endsWith(' Nothing smaller in your catalog fits; free memory or pick a smaller model.')).toBe(
      true,
    );
  });
});
