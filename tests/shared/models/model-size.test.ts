import { describe, expect, it } from 'vitest';
import {
  bitsPerWeight,
  estimateKvArchitecture,
  estimateModelMemory,
  kvCacheBytes,
  normalizeQuantization,
  parseParameterCount,
  RUNTIME_OVERHEAD_BYTES,
  weightBytes,
} from '../../../shared/models/model-size';

const GiB = 1024 ** 3;

describe('quantization sizes', () => {
  it('normalizes the names tools use', () => {
    expect(normalizeQuantization('q4_k_m')).toBe('Q4_K_M');
    expect(normalizeQuantization(' Q8_0.gguf ')).toBe('Q8_0');
    expect(normalizeQuantization('fp16')).toBe('F16');
    expect(normalizeQuantization('Q4_K')).toBe('Q4_K_M');
    expect(normalizeQuantization('bf16')).toBe('BF16');
    expect(normalizeQuantization('iq2-xs')).toBe('IQ2_XS');
    expect(normalizeQuantization('Q9_Z')).toBeNull();
    expect(normalizeQuantization(undefined)).toBeNull();
  });

  it('orders the bits per weight from the smallest to the largest type', () => {
    const order = ['IQ1_S', 'IQ2_XS', 'Q2_K', 'Q3_K_M', 'Q4_K_M', 'Q5_K_M', 'Q6_K', 'Q8_0', 'F16', 'F32'];
    const bits = order.map((q) => bitsPerWeight(q)!);
    expect(bits).toEqual([...bits].sort((a, b) => a - b));
  });

  it('reproduces the llama.cpp Llama-3-8B file sizes it was derived from', () => {
    // quantize.cpp: Q4_K_M 4.58G, Q8_0 7.96G, Q2_K 2.96G (GiB) for 8.03 B parameters.
    expect(weightBytes(8.03e9, bitsPerWeight('Q4_K_M')!) / GiB).toBeCloseTo(4.58, 1);
    expect(weightBytes(8.03e9, bitsPerWeight('Q8_0')!) / GiB).toBeCloseTo(7.96, 1);
    expect(weightBytes(8.03e9, bitsPerWeight('Q2_K')!) / GiB).toBeCloseTo(2.96, 1);
    expect(weightBytes(7e9, bitsPerWeight('F16')!)).toBe(14e9);
  });

  it('gives nothing for nonsense instead of NaN', () => {
    expect(weightBytes(-1, 4)).toBe(0);
    expect(weightBytes(Number.NaN, 4)).toBe(0);
    expect(bitsPerWeight('')).toBeNull();
    expect(estimateModelMemory({ parameters: 7e9, quantization: 'nope' })).toBeNull();
    expect(estimateModelMemory({ parameters: 0, quantization: 'Q4_K_M' })).toBeNull();
  });
});

describe('KV cache', () => {
  it('matches Llama-3.1-8B at 4096 tokens: 32 layers × 8 KV heads × 128 × 2 × f16 = 512 MiB', () => {
    expect(kvCacheBytes({ layers: 32, kvHeads: 8, headDim: 128 }, 4096)).toBe(512 * 1024 ** 2);
    expect(kvCacheBytes({ layers: 32, kvHeads: 8, headDim: 128 }, 4096, 1)).toBe(256 * 1024 ** 2);
    expect(kvCacheBytes({ layers: 32, kvHeads: 8, headDim: 128 }, 0)).toBe(0);
  });

  it('guesses the nearest known architecture by size', () => {
    expect(estimateKvArchitecture(7e9)).toEqual({ layers: 32, kvHeads: 8, headDim: 128 });
    expect(estimateKvArchitecture(70e9).layers).toBe(80);
    expect(estimateKvArchitecture(1e9)).toEqual({ layers: 16, kvHeads: 8, headDim: 64 });
    expect(estimateKvArchitecture(34e9).layers).toBe(64);
    expect(estimateKvArchitecture(14e9).layers).toBe(48);
  });

  it('adds weights, KV and overhead, and reads only active weights per token for MoE', () => {
    const dense = estimateModelMemory({ parameters: 8e9, quantization: 'Q4_K_M', contextTokens: 4096 })!;
    expect(dense.kvCacheBytes).toBe(512 * 1024 ** 2);
    expect(dense.totalBytes).toBe(dense.weightBytes + dense.kvCacheBytes + RUNTIME_OVERHEAD_BYTES);
    expect(dense.bytesPerToken).toBe(dense.weightBytes);
    const moe = estimateModelMemory({ parameters: 30e9, activeParameters: 3e9, quantization: 'Q4_K_M' })!;
    expect(moe.bytesPerToken / moe.weightBytes).toBeCloseTo(0.1, 5);
    const longer = estimateModelMemory({ parameters: 8e9, quantization: 'Q4_K_M', contextTokens: 32768 })!;
    expect(longer.kvCacheBytes).toBe(8 * dense.kvCacheBytes);
  });
});

describe('parseParameterCount', () => {
  it('reads plain sizes', () => {
    expect(parseParameterCount('7B')).toEqual({ total: 7e9, active: 7e9, experts: null });
    expect(parseParameterCount('0.5B')!.total).toBe(0.5e9);
    expect(parseParameterCount('135M')!.total).toBe(135e6);
  });

  it('reads mixture-of-experts names', () => {
    expect(parseParameterCount('26B-A4B')).toEqual({ total: 26e9, active: 4e9, experts: null });
    expect(parseParameterCount('Qwen3-30B-A3B-Instruct')).toEqual({ total: 30e9, active: 3e9, experts: null });
    expect(parseParameterCount('Mixtral-8x7B-Instruct')).toEqual({ total: 56e9, active: 14e9, experts: 8 });
  });

  it('finds the size inside model ids without mistaking versions for it', () => {
    expect(parseParameterCount('qwen2.5-coder-14b-instruct')!.total).toBe(14e9);
    expect(parseParameterCount('llama-3.2-3b-instruct')!.total).toBe(3e9);
    expect(parseParameterCount('deepseek-coder-6.7b-instruct')!.total).toBeCloseTo(6.7e9);
    expect(parseParameterCount('lmstudio-community/gemma-3-27b-it-GGUF')!.total).toBe(27e9);
    expect(parseParameterCount('mistral-7b-instruct-v0.3')!.total).toBe(7e9);
  });

  it('returns null when there is no size, and never throws', () => {
    expect(parseParameterCount('phi-3.5-mini-instruct')).toBeNull();
    expect(parseParameterCount('model-4bit')).toBeNull();
    expect(parseParameterCount('')).toBeNull();
    expect(parseParameterCount(null)).toBeNull();
    expect(parseParameterCount(42 as unknown as string)).toBeNull();
    expect(parseParameterCount('x'.repeat(10_000))).toBeNull();
  });
});
