/**
 * How a switch spends the memory budget (issue 15): each load takes its share out of the free VRAM and RAM
 * before the next is checked, an unload gives back exactly what it held, and the fit box says the figures.
 * Every model here has an exact size: weights + 1 GiB of KV cache (a Llama-3-8B shape at 8192 tokens,
 * 2 × 32 layers × 8 heads × 128 × 8192 × 2 bytes) + the 0.5 GiB compute buffer, so totals are whole GiB.
 */
import { describe, expect, it } from 'vitest';
import { checkMemoryFit, type MemoryDemand } from '../../../shared/models/memory-fit';
import { sample } from '../../support/catalog-fixture';

const GiB = 1024 ** 3;
/** 24 GiB card; the checker keeps 0.5 GiB of VRAM and 2 GiB of RAM in reserve. */
const VRAM_RESERVE = 0.5 * GiB;
const RAM_RESERVE = 2 * GiB;

/** A model needing `totalGiB` in all. */
const model = (key: string, totalGiB: number, gpuOffload: MemoryDemand['gpuOffload']): MemoryDemand => ({
  key,
  sizeBytes: (totalGiB - 1.5) * GiB,
  paramsString: '8B',
  contextLength: 8192,
  gpuOffload,
  kvShape: { layers: 32, kvHeads: 8, headDim: 128 },
});
const fit = (loads: MemoryDemand[], usedVramGiB: number, ramGiB: number, unloads: MemoryDemand[] = [], gpu = true) =>
  checkMemoryFit({ loads, unloads, sample: sample(usedVramGiB, ramGiB, gpu) });

describe('loads that each fit alone but not together', () => {
  it('on the GPU: the second finds only what the first left', () => {
    // 24 − 4.5 used − 0.5 reserve = 19 GiB free: 10 fits, 10 + 10 does not.
    const a = model('a', 10, 'max');
    const b = model('b', 10, 'max');
    expect(fit([a], 4.5, 80).fits).toBe(true);
    expect(fit([b], 4.5, 80).fits).toBe(true);
    const both = fit([a, b], 4.5, 80);
    expect(both.fits).toBe(false);
    expect(both.problems).toEqual([
      expect.objectContaining({ key: 'b', short: 'vram', neededBytes: 10 * GiB, availableBytes: 9 * GiB }),
    ]);
  });

  it('in RAM: the second finds only what the first left', () => {
    // 14 − 2 reserve = 12 GiB of RAM: 7 fits, 7 + 7 does not.
    const a = model('a', 7, 'off');
    const b = model('b', 7, 'off');
    expect(fit([a], 0, 14).fits).toBe(true);
    const both = fit([a, b], 0, 14);
    expect(both.problems).toEqual([
      expect.objectContaining({ key: 'b', short: 'ram', neededBytes: 7 * GiB, availableBytes: 5 * GiB }),
    ]);
  });

  it('in RAM when there is no GPU reading at all', () => {
    const both = fit([model('a', 7, undefined), model('b', 7, undefined)], 0, 14, [], false);
    expect(both.mode).toBe('ram-only');
    expect(both.problems).toEqual([
      expect.objectContaining({ key: 'b', short: 'ram', neededBytes: 7 * GiB, availableBytes: 5 * GiB }),
    ]);
  });

  it('spilling across both: the first fills the GPU and spills, the second goes to RAM and runs short there', () => {
    // 24 − 14.5 − 0.5 = 9 GiB of VRAM, 10 − 2 = 8 GiB of RAM.
    const a = model('a', 10, undefined);
    const b = model('b', 8, undefined);
    const alone = fit([a], 14.5, 10);
    expect(alone.placements.map((p) => [p.gpuBytes / GiB, p.ramBytes / GiB])).toEqual([[9, 1]]);
    expect(fit([b], 14.5, 10).fits).toBe(true);
    const both = fit([b, a], 14.5, 10);
    expect(both.placements.map((p) => [p.estimate.key, p.gpuBytes / GiB, p.ramBytes / GiB])).toEqual([
      ['a', 9, 1],
      ['b', 0, 8],
    ]);
    expect(both.problems).toEqual([
      expect.objectContaining({
        key: 'b',
        short: 'ram',
        neededBytes: 8 * GiB,
        availableBytes: 7 * GiB,
        splitGpuBytes: null,
      }),
    ]);
  });
});

describe('unloads give back exactly what they held', () => {
  it('a model fully on the GPU gives back its VRAM, and no RAM', () => {
    const result = fit([], 20, 40, [model('old', 10, 'max')]);
    expect(result.vramAvailableBytes).toBe(24 * GiB - 20 * GiB - VRAM_RESERVE + 10 * GiB);
    expect(result.ramAvailableBytes).toBe(40 * GiB - RAM_RESERVE);
  });

  it('a model in RAM gives back its RAM, and no VRAM', () => {
    const result = fit([], 20, 40, [model('old', 6, 'off')]);
    expect(result.vramAvailableBytes).toBe(24 * GiB - 20 * GiB - VRAM_RESERVE);
    expect(result.ramAvailableBytes).toBe(40 * GiB - RAM_RESERVE + 6 * GiB);
  });

  it('a split model gives back its share of each', () => {
    const result = fit([], 20, 40, [model('old', 8, 0.25)]);
    expect(result.vramAvailableBytes).toBe(3.5 * GiB + 2 * GiB);
    expect(result.ramAvailableBytes).toBe(38 * GiB + 6 * GiB);
  });

  it('with no GPU reading, an unload of unknown placement gives back RAM', () => {
    const result = fit([], 0, 40, [model('old', 6, undefined)], false);
    expect(result.vramAvailableBytes).toBeNull();
    expect(result.ramAvailableBytes).toBe(38 * GiB + 6 * GiB);
  });

  it('what an unload gives back lets a load of the same size fit, and no larger', () => {
    // 3.5 GiB free + 10 given back = 13.5 GiB.
    expect(fit([model('new', 13.5, 'max')], 20, 40, [model('old', 10, 'max')]).fits).toBe(true);
    expect(fit([model('new', 13.6, 'max')], 20, 40, [model('old', 10, 'max')]).fits).toBe(false);
  });
});

describe('the figures the fit box shows', () => {
  it('a fit says what goes on the GPU and in RAM', () => {
    expect(fit([model('a', 10, undefined)], 14.5, 10).message).toBe('Fits: ~9.0 GiB on the GPU, ~1.0 GiB in RAM.');
    expect(fit([model('a', 10, 'max'), model('b', 4, 'off')], 0, 40).message).toBe(
      'Fits: ~10.0 GiB on the GPU, ~4.0 GiB in RAM.',
    );
  });

  it('a refusal says the need, the free memory and the gap', () => {
    const result = fit([model('a', 10, 'max'), model('b', 10, 'max')], 4.5, 80);
    // 80 GiB of RAM − 2 reserve = 78 GiB: all of b fits there instead.
    expect(result.refusal).toBe(
      'Does not fit, nothing was changed. b needs ~10.0 GiB of VRAM and ~9.0 GiB would be free (1.0 GiB short).' +
        ' What would fit: CPU offload: gpuOffload "off" (all in RAM, ~10.0 GiB of 78.0 GiB free; slower).',
    );
    expect(result.message).toBe(result.refusal.replace('Does not fit, nothing was changed.', 'Does not fit.'));
  });
});
