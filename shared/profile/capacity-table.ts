/**
 * The capacity table: for common model sizes and quantizations, the memory needed, where it fits on this
 * machine (GPU, split GPU + RAM, CPU only, or not at all) and the generation speed to expect.
 * Everything is computed from the inventory and the bandwidths; nothing is per machine.
 */
import type { MachineInventory } from '../hardware/inventory';
import { DEFAULT_CONTEXT_TOKENS, estimateModelMemory, type ModelMemoryEstimate } from '../models/model-size';
import { estimateGenerationSpeed } from './generation-speed';
import type { MachineBandwidth } from './memory-bandwidth';

/** Where a model runs: all layers on the GPU, split between GPU and RAM, RAM only, or it does not fit. */
export type Placement = 'gpu' | 'split' | 'cpu' | 'no';

export interface CapacityRow {
  /** e.g. "7B". */
  size: string;
  parameters: number;
  quantization: string;
  memory: ModelMemoryEstimate;
  fit: Placement;
  /** Estimated generation speed where it fits (null when it does not fit or a bandwidth is unknown). */
  tokensPerSecond: number | null;
  /** Share of the weights on the GPU for a split, 1 on the GPU, 0 on the CPU, null when it does not fit. */
  gpuShare: number | null;
  /** Speed if run on the CPU alone (null when it does not fit in RAM or the RAM bandwidth is unknown). */
  cpuOnlyTokensPerSecond: number | null;
}

export interface CapacityTable {
  contextTokens: number;
  /** The GPU the table places models on (the one with the most memory), or null. */
  gpu: { index: number; name: string; usableBytes: number; bandwidth: number | null } | null;
  ram: { usableBytes: number | null; bandwidth: number | null };
  rows: CapacityRow[];
}

/** Model sizes of the default table. */
export const CAPACITY_SIZES: ReadonlyArray<{ size: string; parameters: number }> = [
  { size: '1B', parameters: 1e9 },
  { size: '3B', parameters: 3e9 },
  { size: '7B', parameters: 7e9 },
  { size: '8B', parameters: 8e9 },
  { size: '13B', parameters: 13e9 },
  { size: '14B', parameters: 14e9 },
  { size: '33B/34B', parameters: 34e9 },
  { size: '70B', parameters: 70e9 },
];

/** Quantizations of the default table. */
export const CAPACITY_QUANTIZATIONS = ['Q2_K', 'Q4_K_M', 'Q8_0', 'F16'] as const;

const GiB = 1024 ** 3;

/** VRAM kept free for the desktop, the driver and fragmentation: 1 GiB or 5 %, whichever is more. */
export function usableVramBytes(totalBytes: number): number {
  return Math.max(0, totalBytes - Math.max(1 * GiB, totalBytes * 0.05));
}

/** RAM kept for the OS and the apps beside the model: 4 GiB or 10 %, whichever is more. */
export function usableRamBytes(totalBytes: number): number {
  return Math.max(0, totalBytes - Math.max(4 * GiB, totalBytes * 0.1));
}

/** The GPU to place models on: the one with the most memory (lowest index on a tie), or null. */
function pickGpu(inventory: MachineInventory, bandwidth: MachineBandwidth): CapacityTable['gpu'] {
  let best: MachineInventory['gpus'][number] | null = null;
  for (const gpu of inventory.gpus) {
    if (gpu.memoryTotalBytes === null || !(gpu.memoryTotalBytes > 0)) continue;
    if (!best || gpu.memoryTotalBytes > best.memoryTotalBytes!) best = gpu;
  }
  if (!best) return null;
  const bw = bandwidth.gpus.find((g) => g.index === best.index)?.bytesPerSecond ?? null;
  return { index: best.index, name: best.name, usableBytes: usableVramBytes(best.memoryTotalBytes!), bandwidth: bw };
}

/** Place one model on this machine and estimate its speed. */
export function placeModel(
  memory: ModelMemoryEstimate,
  quantization: string,
  table: Pick<CapacityTable, 'gpu' | 'ram'>,
): Omit<CapacityRow, 'size' | 'parameters' | 'quantization' | 'memory'> {
  const { gpu, ram } = table;
  const fitsRam = ram.usableBytes !== null && memory.totalBytes <= ram.usableBytes;
  const cpuOnly = fitsRam
    ? estimateGenerationSpeed({
        quantization,
        gpuBytes: 0,
        gpuBandwidth: null,
        cpuBytes: memory.bytesPerToken,
        cpuBandwidth: ram.bandwidth,
      })
    : null;
  if (gpu && memory.totalBytes <= gpu.usableBytes) {
    const speed = estimateGenerationSpeed({
      quantization,
      gpuBytes: memory.bytesPerToken,
      gpuBandwidth: gpu.bandwidth,
      cpuBytes: 0,
      cpuBandwidth: null,
    });
    return { fit: 'gpu', tokensPerSecond: speed, gpuShare: 1, cpuOnlyTokensPerSecond: cpuOnly };
  }
  // Split: the GPU keeps the KV cache and runtime buffers, and as many weights as fit beside them.
  const gpuWeights = gpu
    ? Math.max(0, Math.min(memory.weightBytes, gpu.usableBytes - memory.kvCacheBytes - memory.overheadBytes))
    : 0;
  const ramNeeded = memory.weightBytes - gpuWeights;
  if (gpu && gpuWeights > 0 && ram.usableBytes !== null && ramNeeded <= ram.usableBytes) {
    const share = gpuWeights / memory.weightBytes;
    const speed = estimateGenerationSpeed({
      quantization,
      gpuBytes: memory.bytesPerToken * share,
      gpuBandwidth: gpu.bandwidth,
      cpuBytes: memory.bytesPerToken * (1 - share),
      cpuBandwidth: ram.bandwidth,
    });
    return { fit: 'split', tokensPerSecond: speed, gpuShare: share, cpuOnlyTokensPerSecond: cpuOnly };
  }
  if (fitsRam) return { fit: 'cpu', tokensPerSecond: cpuOnly, gpuShare: 0, cpuOnlyTokensPerSecond: cpuOnly };
  return { fit: 'no', tokensPerSecond: null, gpuShare: null, cpuOnlyTokensPerSecond: null };
}

/** Compute the capacity table of a machine (default: 1B-70B × Q2_K/Q4_K_M/Q8_0/F16 at a 4096-token context). */
export function computeCapacityTable(
  inventory: MachineInventory,
  bandwidth: MachineBandwidth,
  options: {
    contextTokens?: number;
    sizes?: ReadonlyArray<{ size: string; parameters: number }>;
    quantizations?: readonly string[];
  } = {},
): CapacityTable {
  const contextTokens = options.contextTokens ?? DEFAULT_CONTEXT_TOKENS;
  const ramTotal = inventory.memory.totalBytes;
  const placement = {
    gpu: pickGpu(inventory, bandwidth),
    ram: {
      usableBytes: ramTotal !== null && ramTotal > 0 ? usableRamBytes(ramTotal) : null,
      bandwidth: bandwidth.ram.bytesPerSecond,
    },
  };
  const rows: CapacityRow[] = [];
  for (const { size, parameters } of options.sizes ?? CAPACITY_SIZES) {
    for (const quantization of options.quantizations ?? CAPACITY_QUANTIZATIONS) {
      const memory = estimateModelMemory({ parameters, quantization, contextTokens });
      if (!memory) continue;
      rows.push({ size, parameters, quantization, memory, ...placeModel(memory, quantization, placement) });
    }
  }
  return { contextTokens, ...placement, rows };
}
