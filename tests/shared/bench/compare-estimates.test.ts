import { describe, expect, it } from 'vitest';
import { compareWithDocument, compareWithLoadout, type CompareInput } from '../../../shared/bench/compare-estimates';
import { buildMachineProfile } from '../../../shared/profile/machine-profile';
import { RTX3090_INVENTORY } from '../../support/inventory-fixture';

const input = (patch: Partial<CompareInput> = {}): CompareInput => ({
  modelKey: 'qwen2.5-7b-instruct',
  paramsString: '7B',
  quantization: 'Q4_K_M',
  device: 'gpu',
  contextLength: 4096,
  gpuShare: 1,
  measuredTokensPerSecond: 95,
  ...patch,
});

describe('comparison with the document', () => {
  it('says inside, below or above the range for the size, quantization and device', () => {
    expect(compareWithDocument(input()).estimate).toMatchObject({
      lowTokensPerSecond: 80,
      highTokensPerSecond: 120,
      verdict: 'inside',
    });
    expect(compareWithDocument(input({ measuredTokensPerSecond: 61 })).estimate?.verdict).toBe('below');
    expect(compareWithDocument(input({ measuredTokensPerSecond: 200 })).estimate?.verdict).toBe('above');
    expect(compareWithDocument(input({ device: 'cpu', measuredTokensPerSecond: 18 })).estimate).toMatchObject({
      lowTokensPerSecond: 40,
      highTokensPerSecond: 60,
      verdict: 'below',
    });
    expect(compareWithDocument(input({ measuredTokensPerSecond: null })).estimate?.verdict).toBe('unmeasured');
  });

  it('reads the size from the key when the catalog has none', () => {
    expect(
      compareWithDocument(input({ paramsString: null, modelKey: 'codellama-13b-instruct' })).estimate?.source,
    ).toContain('GPU 13B Q4_K_M');
  });

  it('explains a missing row or device', () => {
    expect(compareWithDocument(input({ device: 'split' }))).toMatchObject({
      estimate: null,
      note: expect.stringContaining('GPU + CPU split'),
    });
    expect(compareWithDocument(input({ paramsString: '1B', modelKey: 'llama-3.2-1b' })).note).toContain(
      'no row for 1B Q4_K_M on GPU',
    );
  });
});

describe("comparison with Loadout's own estimate", () => {
  const profile = buildMachineProfile(RTX3090_INVENTORY, { contextTokens: 4096 });

  it('estimates a 7B Q4_K_M on the RTX 3090 inside the document range, and judges the measurement against ±25 %', () => {
    const own = compareWithLoadout(input(), profile).estimate!;
    expect(own.pointTokensPerSecond!).toBeGreaterThan(80);
    expect(own.pointTokensPerSecond!).toBeLessThan(120);
    expect(own.verdict).toBe('inside');
    expect(
      compareWithLoadout(input({ measuredTokensPerSecond: own.pointTokensPerSecond! * 1.3 }), profile).estimate!
        .verdict,
    ).toBe('above');
  });

  it('is slower on the CPU and in between for a split', () => {
    const gpu = compareWithLoadout(input(), profile).estimate!.pointTokensPerSecond!;
    const cpu = compareWithLoadout(input({ device: 'cpu' }), profile).estimate!.pointTokensPerSecond!;
    const split = compareWithLoadout(input({ device: 'split', gpuShare: 0.5 }), profile).estimate!
      .pointTokensPerSecond!;
    expect(cpu).toBeLessThan(split);
    expect(split).toBeLessThan(gpu);
  });

  it('says why there is no estimate', () => {
    expect(compareWithLoadout(input(), null).note).toContain('No machine profile');
    expect(compareWithLoadout(input({ device: 'split', gpuShare: null }), profile).estimate).toBeNull();
    expect(compareWithLoadout(input({ quantization: 'weird' }), profile).note).toContain('unknown');
    expect(compareWithLoadout(input({ device: 'unknown' }), profile).estimate).toBeNull();
  });
});
