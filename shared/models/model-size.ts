/**
 * How much memory a local LLM needs: GGUF quantization sizes, weight bytes, KV-cache bytes,
 * runtime overhead, and parameter counts parsed from model names ("7B", "26B-A4B", "8x7B").
 * Pure functions; the memory-fit check, the capacity table and the router all build on these.
 */

/**
 * Effective bits per weight of each GGUF quantization, *including* the mixed-precision overhead
 * (block scales, and the tensors llama.cpp keeps at a higher precision, e.g. output/embeddings at Q6_K).
 *
 * Source: llama.cpp `tools/quantize/quantize.cpp` (QUANT_OPTIONS), which gives the file size of each
 * type for Llama-3-8B (8.03 B parameters), e.g. "Q4_K_M 4.58G", "Q8_0 7.96G", "Q2_K 2.96G" (GiB);
 * bpw = size × 2^30 × 8 / 8.03e9. Types listed there only by their nominal bpw ("IQ2_XS 2.31 bpw")
 * use that figure. For much larger models the share of high-precision tensors shrinks, so these are
 * slightly conservative (Llama-3-70B Q2_K files are ~3.0 bpw rather than 3.17): the safe side for a fit check.
 */
export const GGUF_BITS_PER_WEIGHT = {
  IQ1_S: 1.56,
  IQ1_M: 1.75,
  IQ2_XXS: 2.06,
  IQ2_XS: 2.31,
  IQ2_S: 2.5,
  IQ2_M: 2.7,
  Q2_K_S: 3.17,
  Q2_K: 3.17,
  IQ3_XXS: 3.06,
  IQ3_XS: 3.3,
  IQ3_S: 3.44,
  IQ3_M: 3.66,
  Q3_K_S: 3.65,
  Q3_K_M: 4.0,
  Q3_K_L: 4.31,
  IQ4_XS: 4.25,
  IQ4_NL: 4.5,
  Q4_0: 4.64,
  Q4_1: 5.11,
  Q4_K_S: 4.67,
  Q4_K_M: 4.9,
  Q5_0: 5.57,
  Q5_1: 6.04,
  Q5_K_S: 5.57,
  Q5_K_M: 5.7,
  Q6_K: 6.57,
  Q8_0: 8.51,
  F16: 16,
  BF16: 16,
  F32: 32,
} as const;

export type GgufQuantization = keyof typeof GGUF_BITS_PER_WEIGHT;

/** Names people and tools use for the same types ("fp16", "q4_k", "Q4_K_M.gguf", "MXFP4"…), mapped to ours. */
const QUANT_ALIASES: Record<string, GgufQuantization> = {
  FP16: 'F16',
  FP32: 'F32',
  Q4_K: 'Q4_K_M',
  Q3_K: 'Q3_K_M',
  Q5_K: 'Q5_K_M',
  Q8: 'Q8_0',
  Q4: 'Q4_K_M',
  // MXFP4 (gpt-oss): 4-bit values with an 8-bit scale per 32, same layout cost as IQ4_NL.
  MXFP4: 'IQ4_NL',
};

/** Normalize a quantization name ("q4_k_m", "Q4_K_M", "fp16", "4bit"?) to a known GGUF type, or null when unknown. */
export function normalizeQuantization(name: string | null | undefined): GgufQuantization | null {
  if (typeof name !== 'string') return null;
  const key = name
    .trim()
    .toUpperCase()
    .replace(/\.GGUF$/, '')
    .replace(/[-\s]/g, '_');
  if (key in GGUF_BITS_PER_WEIGHT) return key as GgufQuantization;
  return QUANT_ALIASES[key] ?? null;
}

/** Effective bits per weight of a quantization (see GGUF_BITS_PER_WEIGHT), or null when the name is unknown. */
export function bitsPerWeight(quantization: string | null | undefined): number | null {
  const q = normalizeQuantization(quantization);
  return q ? GGUF_BITS_PER_WEIGHT[q] : null;
}

/** Bytes the weights of `parameters` parameters take at `bitsPerWeight` (also the bytes read per generated token for a dense model). */
export function weightBytes(parameters: number, bits: number): number {
  if (!(parameters > 0) || !(bits > 0)) return 0;
  return (parameters * bits) / 8;
}

/** The attention shape that sizes the KV cache. */
export interface KvArchitecture {
  layers: number;
  /** Key/value heads (fewer than the query heads under grouped-query attention). */
  kvHeads: number;
  headDim: number;
}

/**
 * Typical architectures by size, used when a model's own shape is unknown (the GGUF metadata gives
 * the real one: `<arch>.block_count`, `<arch>.attention.head_count_kv`, `key_length`).
 * Taken from the published configs of common modern (grouped-query) models: Qwen2.5-0.5B, Llama-3.2-1B,
 * Llama-3.2-3B, Llama-3.1-8B, Qwen2.5-14B, Qwen2.5-32B, Llama-3-70B, Llama-3.1-405B.
 * Older models without GQA (Llama-2-7B/13B) use 4-5× more KV cache than this estimate.
 */
const KV_ANCHORS: ReadonlyArray<{ billions: number; arch: KvArchitecture }> = [
  { billions: 0.5, arch: { layers: 24, kvHeads: 2, headDim: 64 } },
  { billions: 1.2, arch: { layers: 16, kvHeads: 8, headDim: 64 } },
  { billions: 3.2, arch: { layers: 28, kvHeads: 8, headDim: 128 } },
  { billions: 8, arch: { layers: 32, kvHeads: 8, headDim: 128 } },
  { billions: 14.7, arch: { layers: 48, kvHeads: 8, headDim: 128 } },
  { billions: 32.8, arch: { layers: 64, kvHeads: 8, headDim: 128 } },
  { billions: 70.6, arch: { layers: 80, kvHeads: 8, headDim: 128 } },
  { billions: 405, arch: { layers: 126, kvHeads: 8, headDim: 128 } },
];

/** Guess the attention shape of a model from its parameter count: the nearest known model on a log scale. For MoE pass the active parameters. */
export function estimateKvArchitecture(parameters: number): KvArchitecture {
  const billions = parameters > 0 ? parameters / 1e9 : 8;
  let best = KV_ANCHORS[0]!;
  for (const anchor of KV_ANCHORS) {
    if (Math.abs(Math.log(anchor.billions / billions)) < Math.abs(Math.log(best.billions / billions))) best = anchor;
  }
  return { ...best.arch };
}

/** Bytes of KV cache for `contextTokens`: 2 (K and V) × layers × KV heads × head dim × tokens × bytes per element (2 for the default f16 cache, 1 for q8_0). */
export function kvCacheBytes(arch: KvArchitecture, contextTokens: number, bytesPerElement = 2): number {
  if (!(contextTokens > 0)) return 0;
  return 2 * arch.layers * arch.kvHeads * arch.headDim * contextTokens * bytesPerElement;
}

/**
 * Memory the runtime needs besides weights and KV cache: the CUDA/Metal context and llama.cpp's compute
 * buffers (a few hundred MiB each at a 4k context). One fixed 512 MiB: small next to the weights, and
 * what LM Studio's own estimate leaves free in practice.
 */
export const RUNTIME_OVERHEAD_BYTES = 512 * 1024 ** 2;

/** Default context length the estimates assume (LM Studio's usual default). */
export const DEFAULT_CONTEXT_TOKENS = 4096;

/** What a model needs in memory, by part. */
export interface ModelMemoryEstimate {
  weightBytes: number;
  kvCacheBytes: number;
  overheadBytes: number;
  totalBytes: number;
  /** Bytes read from memory per generated token: the (active) weights. */
  bytesPerToken: number;
}

/** Estimate the memory a model needs: weights at its quantization, KV cache at a context, plus runtime overhead. Null when the quantization is unknown. */
export function estimateModelMemory(input: {
  parameters: number;
  /** For mixture-of-experts models: the parameters active per token (defaults to all). */
  activeParameters?: number | null;
  quantization: string;
  contextTokens?: number;
  /** The real attention shape if known (GGUF metadata); else estimated from the (active) parameter count. */
  architecture?: KvArchitecture | null;
  kvBytesPerElement?: number;
}): ModelMemoryEstimate | null {
  const bits = bitsPerWeight(input.quantization);
  if (bits === null || !(input.parameters > 0)) return null;
  const active =
    input.activeParameters && input.activeParameters > 0
      ? Math.min(input.activeParameters, input.parameters)
      : input.parameters;
  const weights = weightBytes(input.parameters, bits);
  const arch = input.architecture ?? estimateKvArchitecture(active);
  const kv = kvCacheBytes(arch, input.contextTokens ?? DEFAULT_CONTEXT_TOKENS, input.kvBytesPerElement ?? 2);
  return {
    weightBytes: weights,
    kvCacheBytes: kv,
    overheadBytes: RUNTIME_OVERHEAD_BYTES,
    totalBytes: weights + kv + RUNTIME_OVERHEAD_BYTES,
    bytesPerToken: weightBytes(active, bits),
  };
}

/** A parameter count read from a model name. */
export interface ParameterCount {
  /** All parameters. */
  total: number;
  /** Parameters used per token (differs from total for mixture-of-experts models). */
  active: number;
  /** Experts in an "NxM" name, else null. */
  experts: number | null;
}

const UNIT: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };
// A size token: optional "8x", a number, a unit, optional "-A4B" active count. It must stand alone:
// preceded by the start or a separator, and not followed by a letter or digit ("7b" yes, "qwen2.5" no, "e4b" no).
const SIZE_PATTERN =
  /(?:^|[\s\-_/:.(])(?:(\d+)x)?(\d+(?:\.\d+)?)([kmbt])(?:[-_]a(\d+(?:\.\d+)?)([kmbt]))?(?![a-z0-9])/gi;

/**
 * Parse the parameter count from a model name or size label: "7B", "0.5B", "135M", "qwen2.5-coder-14b-instruct",
 * "Qwen3-30B-A3B" (30 B total, 3 B active), "Mixtral-8x7B" (experts × size; Mixtral shares attention, so
 * the real total is ~47 B: this upper bound errs on the safe side; active assumed top-2 routing as in Mixtral).
 * Returns null when the text holds no size. Never throws.
 */
export function parseParameterCount(text: string | null | undefined): ParameterCount | null {
  if (typeof text !== 'string' || text.length > 500) return null;
  let found: ParameterCount | null = null;
  for (const m of text.matchAll(SIZE_PATTERN)) {
    const [, experts, size, unit, activeSize, activeUnit] = m;
    const each = Number(size) * UNIT[unit!.toLowerCase()]!;
    if (!(each > 0)) continue;
    const n = experts ? Number(experts) : null;
    const total = n ? n * each : each;
    let active = total;
    if (activeSize && activeUnit) active = Math.min(total, Number(activeSize) * UNIT[activeUnit.toLowerCase()]!);
    else if (n) active = Math.min(n, 2) * each;
    // The last size in a name is the model's own ("llama-3-8b" → 8B, "deepseek-v2-lite-16b" → 16B).
    found = { total, active, experts: n };
  }
  return found;
}
