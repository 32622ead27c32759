/**
 * Memory fit: will a preset switch fit in the GPU (and RAM) before anything is touched?
 *
 * Each load needs its weights (`size_bytes` of the file) plus its KV cache plus a compute buffer.
 * The KV cache comes from the GGUF header's layer/head counts when the file is local; otherwise
 * from the heuristic in `estimateKvCacheBytes`. The budget is the latest hardware sample's free
 * VRAM (total minus what every process uses now) plus what the plan's unloads give back; CPU and
 * split loads are checked against available RAM. LM Studio's own guardrail ignores both the memory
 * freed by the model being replaced and other processes' VRAM (lmstudio-bug-tracker #1562, #2295),
 * which is why Loadout checks itself.
 */
import type { HardwareSample } from '../hardware/sample';
import { translator } from '../i18n/translate';
import { wordFit, wordFitSuggestion, type FitNotice, type FitSuggestion } from './fit-notice';
import type { CatalogModel } from '../lmstudio/types';
import type { GpuOffload } from '../lmstudio/gpu-offload';
import {
  DEFAULT_CONTEXT_TOKENS,
  GGUF_BITS_PER_WEIGHT,
  RUNTIME_OVERHEAD_BYTES,
  estimateKvArchitecture,
  kvCacheBytes,
  parseParameterCount,
  type KvArchitecture,
} from './model-size';

/** Layer and head counts read from a GGUF header: enough to size the KV cache exactly. */
export type KvShape = KvArchitecture;

/** What one model instance needs (to load) or holds (when loaded). */
export interface MemoryDemand {
  key: string;
  /** The model file's size; null when LM Studio did not report it (v0). */
  sizeBytes: number | null;
  /** "7B", "26B-A4B"; used for the heuristic when the size or the header is missing. */
  paramsString: string | null;
  /** Requested context; null = LM Studio's default (`DEFAULT_CONTEXT_LENGTH`). */
  contextLength: number | null;
  /** "max" or a ratio puts that share on the GPU; "off" = RAM only; null/undefined = LM Studio decides (GPU first, spill to RAM). */
  gpuOffload?: GpuOffload | null;
  /** From the GGUF header when the file is local. */
  kvShape?: KvShape | null;
}

/** LM Studio's default context length when a load does not ask for one. */
export const DEFAULT_CONTEXT_LENGTH = DEFAULT_CONTEXT_TOKENS;
/** VRAM left free for the driver, the desktop and CUDA's own context. */
export const VRAM_RESERVE_BYTES = 512 * 1024 ** 2;
/** RAM left free for the OS and the apps the user is running. */
export const RAM_RESERVE_BYTES = 2 * 1024 ** 3;
/** Compute buffers and runtime context per loaded model (model-size.ts). */
export const COMPUTE_BUFFER_BYTES = RUNTIME_OVERHEAD_BYTES;
/** Weight bytes per parameter when the file size is unknown (LM Studio 0.3.x reports none): Q4_K_M, the usual download. */
const FALLBACK_BYTES_PER_PARAM = GGUF_BITS_PER_WEIGHT.Q4_K_M / 8;

/** The estimate for one instance, split between GPU and RAM. */
export interface MemoryEstimate {
  key: string;
  weightsBytes: number;
  kvCacheBytes: number;
  overheadBytes: number;
  totalBytes: number;
  /** Where the KV figure came from. */
  kvSource: 'gguf-header' | 'heuristic';
  contextLength: number;
}

/**
 * KV cache bytes for `contextLength` tokens (f16 K and V): exact from the GGUF header's shape; else the
 * heuristic — the attention shape of the nearest common grouped-query model of that size
 * (`estimateKvArchitecture`: Llama 3.1 8B, Qwen2.5 14B/32B…). Older full-attention models (Llama 2,
 * CodeLlama) use 4–5× more, which is why the header is read whenever the file is local.
 */
export function estimateKvCacheBytes(
  contextLength: number,
  shape: KvShape | null | undefined,
  paramsBillions: number | null,
): { bytes: number; source: 'gguf-header' | 'heuristic' } {
  if (shape && shape.layers > 0 && shape.kvHeads > 0 && shape.headDim > 0)
    return { bytes: kvCacheBytes(shape, contextLength), source: 'gguf-header' };
  return {
    bytes: kvCacheBytes(estimateKvArchitecture((paramsBillions ?? 7) * 1e9), contextLength),
    source: 'heuristic',
  };
}

/** Estimate what one instance needs: weights + KV cache + compute buffer. */
export function estimateInstanceMemory(demand: MemoryDemand): MemoryEstimate {
  const contextLength = demand.contextLength ?? DEFAULT_CONTEXT_LENGTH;
  const billions = parseParamsBillions(demand.paramsString) ?? parseParamsBillions(demand.key);
  const weightsBytes = demand.sizeBytes ?? Math.round((billions ?? 7) * 1e9 * FALLBACK_BYTES_PER_PARAM);
  const kv = estimateKvCacheBytes(contextLength, demand.kvShape, billions);
  const overheadBytes = COMPUTE_BUFFER_BYTES;
  return {
    key: demand.key,
    weightsBytes,
    kvCacheBytes: kv.bytes,
    overheadBytes,
    totalBytes: weightsBytes + kv.bytes + overheadBytes,
    kvSource: kv.source,
    contextLength,
  };
}

/** The memory a machine offers, from the latest sample. */
export interface MemoryBudget {
  /** Free VRAM summed over GPUs (total − used now), or null when there is no GPU reading. */
  vramFreeBytes: number | null;
  vramTotalBytes: number | null;
  /** Available RAM, or null when unknown. */
  ramFreeBytes: number | null;
  /** Why there is no GPU figure, when there is none. */
  gpuUnavailableReason: string | null;
}

/** Read the free VRAM and RAM from a hardware sample (null sample = nothing known). */
export function budgetFromSample(sample: HardwareSample | null): MemoryBudget {
  if (!sample)
    return {
      vramFreeBytes: null,
      vramTotalBytes: null,
      ramFreeBytes: null,
      gpuUnavailableReason: 'no hardware sample yet',
    };
  let free = 0;
  let total = 0;
  let known = 0;
  for (const gpu of sample.gpus) {
    if (gpu.memoryTotalBytes == null || gpu.memoryUsedBytes == null) continue;
    total += gpu.memoryTotalBytes;
    free += Math.max(0, gpu.memoryTotalBytes - gpu.memoryUsedBytes);
    known++;
  }
  const ram =
    sample.memory.availableBytes ??
    (sample.memory.totalBytes != null && sample.memory.usedBytes != null
      ? sample.memory.totalBytes - sample.memory.usedBytes
      : null);
  return {
    vramFreeBytes: known ? free : null,
    vramTotalBytes: known ? total : null,
    ramFreeBytes: ram,
    gpuUnavailableReason: known ? null : (sample.gpuUnavailableReason ?? 'the GPU reading has no memory figures'),
  };
}

/** Where one estimate lands: GPU share and RAM share. */
export interface Placement {
  estimate: MemoryEstimate;
  gpuBytes: number;
  ramBytes: number;
}

/** One load that does not fit, with what would. */
export interface FitProblem {
  key: string;
  neededBytes: number;
  /** Where it ran short. */
  short: 'vram' | 'ram';
  availableBytes: number;
  /** A GPU/RAM split (LM Studio's automatic offload or a ratio) that ran short of RAM after the GPU share: what the GPU still took. */
  splitGpuBytes: number | null;
  /** Concrete alternatives: a smaller quantization, a shorter context, CPU offload (as data; `suggestions` is their English). */
  advice: FitSuggestion[];
  suggestions: string[];
}

/** The fit verdict for a whole switch. */
export interface FitResult {
  fits: boolean;
  /** "gpu": VRAM and RAM checked; "ram-only": no GPU reading, everything checked against RAM; "unknown": nothing to check against. */
  mode: 'gpu' | 'ram-only' | 'unknown';
  placements: Placement[];
  problems: FitProblem[];
  /** Budget after the unloads, before the loads. */
  vramAvailableBytes: number | null;
  ramAvailableBytes: number | null;
  /** The verdict as data, which each face words in its language (fit-notice.ts). */
  notice: FitNotice;
  /** One paragraph a person can act on, in English, as a preview says it (nothing has been tried yet). */
  message: string;
  /** The same, as a refused switch says it ("Does not fit, nothing was changed. …"). */
  refusal: string;
}

export interface MemoryFitInput {
  loads: MemoryDemand[];
  /** Instances the plan unloads first: their memory is given back before the loads. */
  unloads: MemoryDemand[];
  sample: HardwareSample | null;
  /** The catalog, to suggest smaller quantizations of the same model. */
  catalog?: CatalogModel[];
}

/** Split an estimate between GPU and RAM given the offload setting and the VRAM left. */
function place(estimate: MemoryEstimate, offload: GpuOffload | null | undefined, vramLeft: number | null): Placement {
  const total = estimate.totalBytes;
  if (vramLeft === null || offload === 'off') return { estimate, gpuBytes: 0, ramBytes: total };
  if (offload === 'max') return { estimate, gpuBytes: total, ramBytes: 0 };
  if (typeof offload === 'number')
    return { estimate, gpuBytes: Math.round(total * offload), ramBytes: Math.round(total * (1 - offload)) };
  // LM Studio decides: as much as fits on the GPU, the rest in RAM.
  const gpu = Math.max(0, Math.min(total, vramLeft));
  return { estimate, gpuBytes: gpu, ramBytes: total - gpu };
}

/** Check a whole switch against the latest sample, before anything is unloaded. */
export function checkMemoryFit(input: MemoryFitInput): FitResult {
  const budget = budgetFromSample(input.sample);
  const gpuMode = budget.vramFreeBytes !== null;
  const mode: FitResult['mode'] = gpuMode ? 'gpu' : budget.ramFreeBytes !== null ? 'ram-only' : 'unknown';
  let vram = gpuMode ? budget.vramFreeBytes! - VRAM_RESERVE_BYTES : null;
  let ram = budget.ramFreeBytes !== null ? budget.ramFreeBytes - RAM_RESERVE_BYTES : null;

  for (const unload of input.unloads) {
    const freed = place(estimateInstanceMemory(unload), unload.gpuOffload ?? (gpuMode ? 'max' : 'off'), vram);
    if (vram !== null) vram = Math.min(vram + freed.gpuBytes, (budget.vramTotalBytes ?? Infinity) - VRAM_RESERVE_BYTES);
    if (ram !== null) ram += freed.ramBytes;
  }
  const vramAfterUnloads = vram;
  const ramAfterUnloads = ram;

  const placements: Placement[] = [];
  const problems: FitProblem[] = [];
  const ordered = [...input.loads].sort(
    (a, b) => estimateInstanceMemory(b).totalBytes - estimateInstanceMemory(a).totalBytes,
  );
  for (const load of ordered) {
    const estimate = estimateInstanceMemory(load);
    const placement = place(estimate, load.gpuOffload, vram);
    placements.push(placement);
    if (mode === 'unknown') continue;
    const vramShort = vram !== null && placement.gpuBytes > vram;
    const ramShort = ram !== null && placement.ramBytes > ram;
    if (vramShort || ramShort) {
      const short = vramShort ? 'vram' : 'ram';
      const available = Math.max(0, (vramShort ? vram : ram) ?? 0);
      problems.push({
        key: load.key,
        neededBytes: vramShort ? placement.gpuBytes : placement.ramBytes,
        short,
        availableBytes: available,
        splitGpuBytes: !vramShort && placement.gpuBytes > 0 ? placement.gpuBytes : null,
        advice: suggestAlternatives(load, short, vram, ram, input.catalog ?? []),
        suggestions: [],
      });
    }
    if (vram !== null) vram -= Math.min(placement.gpuBytes, Math.max(vram, 0));
    if (ram !== null) ram -= Math.min(placement.ramBytes, Math.max(ram, 0));
  }

  const notice: FitNotice = {
    mode,
    gpuUnavailableReason: mode === 'ram-only' ? budget.gpuUnavailableReason : null,
    gpuBytes: placements.reduce((sum, p) => sum + p.gpuBytes, 0),
    ramBytes: placements.reduce((sum, p) => sum + p.ramBytes, 0),
    problems: problems.map(({ key, short, neededBytes, availableBytes, splitGpuBytes, advice }) => ({
      key,
      short,
      neededBytes,
      availableBytes,
      splitGpuBytes,
      suggestions: advice,
    })),
  };
  const en = translator('en');
  for (const p of problems) p.suggestions = p.advice.map((a) => wordFitSuggestion(a, en, 'en-US'));
  return {
    fits: problems.length === 0,
    mode,
    placements,
    problems,
    vramAvailableBytes: vramAfterUnloads,
    ramAvailableBytes: ramAfterUnloads,
    notice,
    message: wordFit(notice, en, 'en-US'),
    refusal: wordFit(notice, en, 'en-US', true),
  };
}

/** What would fit instead of `load` in the memory left: a smaller quantization, a shorter context, CPU offload. */
function suggestAlternatives(
  load: MemoryDemand,
  short: 'vram' | 'ram',
  vram: number | null,
  ram: number | null,
  catalog: CatalogModel[],
): FitSuggestion[] {
  const out: FitSuggestion[] = [];
  const room = (short === 'vram' ? vram : ram) ?? 0;
  const needed = (d: MemoryDemand) => estimateInstanceMemory(d).totalBytes;
  const base = baseModelName(load.key);
  const smaller = catalog
    .filter(
      (m) =>
        m.key !== load.key &&
        baseModelName(m.key) === base &&
        m.sizeBytes !== null &&
        load.sizeBytes !== null &&
        m.sizeBytes < load.sizeBytes,
    )
    .filter((m) => needed({ ...load, key: m.key, sizeBytes: m.sizeBytes }) <= room)
    .sort((a, b) => (b.sizeBytes ?? 0) - (a.sizeBytes ?? 0));
  if (smaller[0])
    out.push({
      kind: 'quantization',
      key: smaller[0].key,
      quantization: smaller[0].quantization ?? null,
      bytes: needed({ ...load, key: smaller[0].key, sizeBytes: smaller[0].sizeBytes }),
    });
  const requested = load.contextLength ?? DEFAULT_CONTEXT_LENGTH;
  for (let ctx = Math.floor(requested / 2); ctx >= 1024; ctx = Math.floor(ctx / 2)) {
    if (needed({ ...load, contextLength: ctx }) <= room) {
      out.push({ kind: 'context', tokens: ctx, bytes: needed({ ...load, contextLength: ctx }) });
      break;
    }
  }
  if (short === 'vram' && ram !== null) {
    const total = needed(load);
    if (total <= ram) out.push({ kind: 'cpu', bytes: total, freeBytes: ram });
    else if (vram !== null && vram > 0 && total - vram <= ram) {
      const ratio = Math.floor((vram / total) * 10) / 10;
      if (ratio > 0) out.push({ kind: 'split', ratio });
    }
  }
  return out;
}

/** The model's name without publisher, variant and quantization: two files of the same model share it. */
export function baseModelName(key: string): string {
  const name = key.toLowerCase().split('@')[0]!.split('/').pop() ?? key;
  return name
    .replace(/[-_.]?(gguf|mlx)$/g, '')
    .replace(/[-_.](i?q\d(_[a-z0-9]+)*|f16|bf16|f32|fp16|\d+bit)$/g, '')
    .replace(/[-_.]?(gguf|mlx)$/g, '');
}

/** "21.4 GiB". */
export function formatGiB(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/** Parameter count in billions from "7B", "270M", "26B-A4B" (total) or a model key; null when there is none. */
export function parseParamsBillions(text: string | null | undefined): number | null {
  const count = parseParameterCount(text);
  return count ? count.total / 1e9 : null;
}
