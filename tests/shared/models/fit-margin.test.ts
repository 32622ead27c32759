import { describe, expect, it } from 'vitest';
import { fitHeadline, roundFitFigures } from '../../../shared/models/fit-margin';
import {
  checkMemoryFit,
  estimateInstanceMemory,
  VRAM_RESERVE_BYTES,
  type MemoryDemand,
} from '../../../shared/models/memory-fit';
import { catalog, sample } from '../../support/catalog-fixture';

const GiB = 1024 ** 3;

describe('roundFitFigures: the shown figures agree with the verdict', () => {
  it('a need a hair above the free memory shows larger, with the gap (not "needs 23.5, 23.5 available")', () => {
    expect(roundFitFigures(23.52 * GiB, 23.48 * GiB, false)).toEqual({ needGiB: 23.6, freeGiB: 23.4, marginGiB: 0.2 });
  });
  it('a fit shows what is left to spare', () => {
    expect(roundFitFigures(21.4 * GiB, 23.5 * GiB, true)).toEqual({ needGiB: 21.4, freeGiB: 23.5, marginGiB: 2.1 });
    expect(roundFitFigures(23.49 * GiB, 23.5 * GiB, true)).toEqual({ needGiB: 23.5, freeGiB: 23.5, marginGiB: 0 });
  });
  it('never contradicts itself, across many pairs', () => {
    for (let needMiB = 23_000; needMiB < 24_600; needMiB += 7) {
      for (const freeMiB of [23_040, 23_500, 23_551, 24_000]) {
        const fits = needMiB <= freeMiB;
        const f = roundFitFigures(needMiB * 1024 ** 2, freeMiB * 1024 ** 2, fits);
        if (fits) expect(f.needGiB).toBeLessThanOrEqual(f.freeGiB);
        else expect(f.needGiB, `${needMiB} vs ${freeMiB}`).toBeGreaterThan(f.freeGiB);
        expect(f.marginGiB).toBeCloseTo(Math.abs(f.freeGiB - f.needGiB), 9);
      }
    }
  });
});

describe('fitHeadline: which memory the fit box talks about', () => {
  const report = {
    fits: true,
    vramNeededBytes: 12 * GiB,
    vramFreeBytes: 23 * GiB,
    ramNeededBytes: 0,
    ramFreeBytes: 78 * GiB,
  };
  it('the GPU when models go there', () => {
    expect(fitHeadline(report)).toMatchObject({ resource: 'vram', needGiB: 12, freeGiB: 23, marginGiB: 11 });
  });
  it('RAM for a CPU-only preset, not "0.0 GiB of VRAM"', () => {
    expect(fitHeadline({ ...report, vramNeededBytes: 0, ramNeededBytes: 5 * GiB })).toMatchObject({
      resource: 'ram',
      needGiB: 5,
      freeGiB: 78,
    });
  });
  it('the memory that ran short when it does not fit', () => {
    expect(
      fitHeadline({
        fits: false,
        vramNeededBytes: 7 * GiB,
        vramFreeBytes: 20 * GiB,
        ramNeededBytes: 10 * GiB,
        ramFreeBytes: 2 * GiB,
      }),
    ).toMatchObject({ resource: 'ram', needGiB: 10, freeGiB: 2, marginGiB: 8 });
  });
  it('nothing to say without figures', () => {
    expect(
      fitHeadline({ fits: true, vramNeededBytes: null, vramFreeBytes: null, ramNeededBytes: null, ramFreeBytes: null }),
    ).toBeNull();
  });
});

describe('checkMemoryFit words', () => {
  const D33 = 'deepseek/deepseek-coder-33b-instruct';
  const m = catalog.find((c) => c.key === D33)!;
  const load: MemoryDemand = {
    key: D33,
    sizeBytes: m.sizeBytes,
    paramsString: m.paramsString,
    contextLength: 4096,
    gpuOffload: 'max',
  };

  it('a preview does not say "nothing was changed"; the refusal does', () => {
    const result = checkMemoryFit({ loads: [load], unloads: [], sample: sample(5), catalog });
    expect(result.message).toMatch(/^Does not fit\. deepseek/);
    expect(result.message).not.toContain('nothing was changed');
    expect(result.refusal).toMatch(/^Does not fit, nothing was changed\. deepseek/);
  });

  it('a need 10 MiB over the free VRAM reads as short, with the margin', () => {
    const need = estimateInstanceMemory(load).totalBytes;
    const usedGiB = 24 - (need - 10 * 1024 ** 2 + VRAM_RESERVE_BYTES) / GiB;
    const result = checkMemoryFit({ loads: [load], unloads: [], sample: sample(usedGiB), catalog });
    expect(result.fits).toBe(false);
    const [, shownNeed, shownFree, shortBy] =
      /needs ~(\d+\.\d) GiB of VRAM and ~(\d+\.\d) GiB would be free \((\d+\.\d) GiB short\)/.exec(result.message) ??
      [];
    expect(Number(shownNeed)).toBeGreaterThan(Number(shownFree));
    expect(Number(shortBy)).toBeCloseTo(Number(shownNeed) - Number(shownFree), 9);
  });
});
