/**
 * The edges of the size arithmetic (issue 15): every quantization alias, the defaults and caps of the
 * estimate, and the limits of the name parser. Expected figures are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  estimateKvArchitecture,
  estimateModelMemory,
  kvCacheBytes,
  normalizeQuantization,
  parseParameterCount,
  weightBytes,
} from '../../../shared/models/model-size';

const MiB = 1024 ** 2;
const LLAMA_8B = { layers: 32, kvHeads: 8, headDim: 128 };

describe('quantization aliases', () => {
  it('maps each alias tools use to its GGUF type', () => {
    const aliases: [string, string][] = [
      ['FP32', 'F32'],
      ['q3_k', 'Q3_K_M'],
      ['Q5_K', 'Q5_K_M'],
      ['q8', 'Q8_0'],
      ['Q4', 'Q4_K_M'],
      ['MXFP4', 'IQ4_NL'],
      ['q4 k m', 'Q4_K_M'],
      ['Q4_K_M.GGUF', 'Q4_K_M'],
    ];
    for (const [name, type] of aliases) expect(normalizeQuantization(name), name).toBe(type);
    expect(normalizeQuantization('Q4_K_M.gguf.bak')).toBeNull();
    expect(normalizeQuantization('xQ4_K_M')).toBeNull();
  });
});

describe('size estimate defaults and caps', () => {
  it('gives no weight bytes for no bits', () => {
    expect(weightBytes(7e9, 0)).toBe(0);
    expect(kvCacheBytes(LLAMA_8B, -1)).toBe(0);
  });

  it('takes an 8B shape when the parameter count is unknown', () => {
    expect(estimateKvArchitecture(0)).toEqual(LLAMA_8B);
    expect(estimateKvArchitecture(Number.NaN)).toEqual(LLAMA_8B);
    expect(estimateKvArchitecture(0.4e9)).toEqual({ layers: 24, kvHeads: 2, headDim: 64 });
    expect(estimateKvArchitecture(1000e9).layers).toBe(126);
  });

  it('sizes the KV cache from the active parameters, the given shape, context and element size', () => {
    // Default context 4096 with the 8B shape: 2 × 32 × 8 × 128 × 4096 × 2 = 512 MiB.
    expect(estimateModelMemory({ parameters: 8e9, quantization: 'Q8_0' })!.kvCacheBytes).toBe(512 * MiB);
    // A 30B MoE with 8B active takes the 8B shape, not the 32B one (64 layers: 1024 MiB).
    expect(estimateModelMemory({ parameters: 30e9, activeParameters: 8e9, quantization: 'Q8_0' })!.kvCacheBytes).toBe(
      512 * MiB,
    );
    expect(
      estimateModelMemory({
        parameters: 8e9,
        quantization: 'Q8_0',
        architecture: { layers: 16, kvHeads: 8, headDim: 128 },
      })!.kvCacheBytes,
    ).toBe(256 * MiB);
    expect(estimateModelMemory({ parameters: 8e9, quantization: 'Q8_0', kvBytesPerElement: 1 })!.kvCacheBytes).toBe(
      256 * MiB,
    );
  });

  it('caps the active parameters at the total, and ignores a zero active count', () => {
    const capped = estimateModelMemory({ parameters: 8e9, activeParameters: 20e9, quantization: 'F16' })!;
    expect(capped.bytesPerToken).toBe(16e9);
    const zero = estimateModelMemory({ parameters: 8e9, activeParameters: 0, quantization: 'F16' })!;
    expect(zero.bytesPerToken).toBe(16e9);
    expect(zero.weightBytes).toBe(16e9);
  });
});

describe('parameter counts at the edges', () => {
  it('reads thousands and trillions', () => {
    expect(parseParameterCount('tiny-500k')!.total).toBe(500e3);
    expect(parseParameterCount('kimi-1t')!.total).toBe(1e12);
  });

  it('caps the active count at the total, and takes two experts active by default', () => {
    expect(parseParameterCount('odd-7b-a9b')).toEqual({ total: 7e9, active: 7e9, experts: null });
    expect(parseParameterCount('moe-30b_a3b')).toEqual({ total: 30e9, active: 3e9, experts: null });
    expect(parseParameterCount('solo-1x7b')).toEqual({ total: 7e9, active: 7e9, experts: 1 });
    expect(parseParameterCount('mix-4x2b')).toEqual({ total: 8e9, active: 4e9, experts: 4 });
  });

  it('skips a zero size and takes the last real one', () => {
    expect(parseParameterCount('model-0b')).toBeNull();
    expect(parseParameterCount('a-3b-0b')!.total).toBe(3e9);
  });

  it('reads names up to 500 characters', () => {
    expect(parseParameterCount(`${'x'.repeat(497)}-7b`)!.total).toBe(7e9);
    expect(parseParameterCount(`${'x'.repeat(498)}-7b`)).toBeNull();
  });
});
