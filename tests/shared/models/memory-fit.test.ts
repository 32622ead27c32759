import { describe, expect, it } from 'vitest';
import {
  baseModelName,
  checkMemoryFit,
  estimateInstanceMemory,
  estimateKvCacheBytes,
  parseParamsBillions,
  type MemoryDemand,
} from '../../../shared/models/memory-fit';
import { catalog, sample } from '../../support/catalog-fixture';

const GiB = 1024 ** 3;
const demand = (key: string, extra: Partial<MemoryDemand> = {}): MemoryDemand => {
  const m = catalog.find((c) => c.key === key)!;
  return {
    key,
    sizeBytes: m.sizeBytes,
    paramsString: m.paramsString,
    contextLength: 4096,
    gpuOffload: 'max',
    ...extra,
  };
};
const D33 = 'deepseek/deepseek-coder-33b-instruct';
const Q7 = 'qwen/qwen2.5-7b-instruct';
const C14 = 'qwen/qwen2.5-coder-14b-instruct';

describe('estimates', () => {
  it('KV cache from a GGUF shape is exact: Llama 3 8B at 8192 tokens = 1 GiB', () => {
    expect(estimateKvCacheBytes(8192, { layers: 32, kvHeads: 8, headDim: 128 }, 8)).toEqual({
      bytes: GiB,
      source: 'gguf-header',
    });
  });
  it('KV heuristic: the shape of the nearest common GQA model, linear in context', () => {
    // 7B → Llama 3.1 8B's shape: 32 layers × 8 KV heads × 128 → 128 KiB per token.
    expect(estimateKvCacheBytes(8192, null, 7)).toEqual({ bytes: GiB, source: 'heuristic' });
    expect(estimateKvCacheBytes(4096, null, 7).bytes).toBe(GiB / 2);
    // 33B → Qwen2.5 32B's shape: 64 layers → 256 KiB per token (DeepSeek Coder 33B's real 62 layers: 248 KiB).
    expect(estimateKvCacheBytes(4096, null, 33).bytes).toBe(GiB);
  });
  it('instance = weights + KV + compute buffer', () => {
    const e = estimateInstanceMemory(demand(D33));
    expect(e.weightsBytes).toBe(19.94e9);
    expect(e.totalBytes).toBe(e.weightsBytes + e.kvCacheBytes + e.overheadBytes);
    expect(e.kvSource).toBe('heuristic');
  });
  it('parses parameter counts', () => {
    const cases: [string | null, number | null][] = [
      ['7B', 7],
      ['6.7B', 6.7],
      ['26B-A4B', 26],
      ['270M', 0.27],
      ['deepseek-coder-33b-instruct', 33],
      ['qwen2.5-coder-14b', 14],
      ['llama-3.2-1b-instruct', 1],
      ['qwen3-4b', 4],
      ['phi-3.5-mini', null],
      ['Mixtral-8x7B', 56],
      [null, null],
      ['', null],
    ];
    for (const [text, expected] of cases) expect(parseParamsBillions(text), String(text)).toBe(expected);
  });
  it('base model names ignore publisher, variant and quantization', () => {
    expect(baseModelName('deepseek/deepseek-coder-33b-instruct-q3_k_m')).toBe('deepseek-coder-33b-instruct');
    expect(baseModelName('google/gemma-4-26b-a4b@q4_k_m')).toBe('gemma-4-26b-a4b');
    expect(baseModelName('x/model-7b-GGUF')).toBe('model-7b');
  });
});

describe('checkMemoryFit', () => {
  const cases: {
    name: string;
    loads: MemoryDemand[];
    unloads?: MemoryDemand[];
    usedGiB: number;
    ramGiB?: number;
    gpu?: boolean;
    fits: boolean;
    mode: string;
  }[] = [
    { name: 'Dev 33B on an idle 3090', loads: [demand(D33)], usedGiB: 0.8, fits: true, mode: 'gpu' },
    { name: 'Dev 33B while a 14B holds 10 GiB', loads: [demand(D33)], usedGiB: 10.8, fits: false, mode: 'gpu' },
    {
      name: 'Dev 33B after unloading that 14B',
      loads: [demand(D33)],
      unloads: [demand(C14, { contextLength: 8192 })],
      usedGiB: 10.8,
      fits: true,
      mode: 'gpu',
    },
    {
      name: 'Multi-agent 14B + 7B at 8192',
      loads: [demand(C14, { contextLength: 8192 }), demand(Q7, { contextLength: 8192 })],
      usedGiB: 0.8,
      fits: true,
      mode: 'gpu',
    },
    {
      name: 'a game holding 20 GiB leaves no room for the 7B',
      loads: [demand(Q7)],
      usedGiB: 20,
      fits: false,
      mode: 'gpu',
    },
    {
      name: 'CPU load ignores VRAM, checks RAM',
      loads: [demand(Q7, { gpuOffload: 'off' })],
      usedGiB: 23.5,
      ramGiB: 40,
      fits: true,
      mode: 'gpu',
    },
    {
      name: 'CPU load with no RAM left',
      loads: [demand(Q7, { gpuOffload: 'off' })],
      usedGiB: 1,
      ramGiB: 4,
      fits: false,
      mode: 'gpu',
    },
    {
      name: 'auto offload spills to RAM',
      loads: [demand(D33, { gpuOffload: undefined })],
      usedGiB: 10.8,
      ramGiB: 40,
      fits: true,
      mode: 'gpu',
    },
    {
      name: 'split 0.5 needs half in each',
      loads: [demand(D33, { gpuOffload: 0.5 })],
      usedGiB: 12,
      ramGiB: 40,
      fits: true,
      mode: 'gpu',
    },
    {
      name: 'no GPU reading: checked against RAM only',
      loads: [demand(D33)],
      usedGiB: 0,
      ramGiB: 40,
      gpu: false,
      fits: true,
      mode: 'ram-only',
    },
    {
      name: 'no GPU reading, not enough RAM',
      loads: [demand(D33)],
      usedGiB: 0,
      ramGiB: 16,
      gpu: false,
      fits: false,
      mode: 'ram-only',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = checkMemoryFit({
        loads: c.loads,
        unloads: c.unloads ?? [],
        sample: sample(c.usedGiB, c.ramGiB ?? 80, c.gpu ?? true),
        catalog,
      });
      expect(result.fits, result.message).toBe(c.fits);
      expect(result.mode).toBe(c.mode);
    });
  }

  it('says what does not fit and what would: smaller quantization, shorter context, CPU offload', () => {
    const result = checkMemoryFit({ loads: [demand(D33)], unloads: [], sample: sample(5), catalog });
    expect(result.fits).toBe(false);
    expect(result.problems[0]).toMatchObject({ key: D33, short: 'vram' });
    expect(result.message).toMatch(/^Does not fit\. deepseek\/deepseek-coder-33b-instruct needs ~\d+\.\d GiB of VRAM/);
    expect(result.message).toContain('a smaller quantization: deepseek/deepseek-coder-33b-instruct-q3_k_m (Q3_K_M)');
    expect(result.message).toContain('CPU offload: gpuOffload "off"');
  });

  it('an automatic offload that spills past the RAM says what the GPU still took', () => {
    const result = checkMemoryFit({
      loads: [demand(D33, { gpuOffload: undefined })],
      unloads: [],
      sample: sample(16, 4),
      catalog,
    });
    expect(result.fits).toBe(false);
    expect(result.problems[0]).toMatchObject({ short: 'ram' });
    expect(result.message).toMatch(
      /needs ~\d+\.\d GiB of RAM beyond the ~7\.5 GiB the GPU can still take and ~2\.0 GiB would be free/,
    );
  });

  it('suggests a shorter context when that is enough', () => {
    const result = checkMemoryFit({
      loads: [demand(Q7, { contextLength: 32768 })],
      unloads: [],
      sample: sample(16.5),
      catalog,
    });
    expect(result.fits).toBe(false);
    expect(result.problems[0]!.suggestions.some((s) => s.startsWith('a shorter context: '))).toBe(true);
  });

  it('names the missing GPU reading in RAM-only mode', () => {
    const result = checkMemoryFit({ loads: [demand(Q7)], unloads: [], sample: sample(0, 40, false), catalog });
    expect(result.message).toMatch(
      /^No GPU memory reading \(no NVIDIA driver found\): checked against RAM only\. Fits/,
    );
  });

  it('no sample at all: not checked, said so', () => {
    const result = checkMemoryFit({ loads: [demand(D33)], unloads: [], sample: null, catalog });
    expect(result).toMatchObject({ fits: true, mode: 'unknown' });
    expect(result.message).toMatch(/memory was not checked/);
  });

  it('two loads that each fit alone but not together', () => {
    const result = checkMemoryFit({
      loads: [
        demand(C14, { contextLength: 8192 }),
        demand(C14, { contextLength: 8192 }),
        demand(Q7, { contextLength: 8192 }),
      ],
      unloads: [],
      sample: sample(4),
      catalog,
    });
    expect(result.fits).toBe(false);
    expect(result.problems.map((p) => p.key)).toContain(Q7);
  });
});
