/**
 * Peak memory bandwidth of the GPUs and of system RAM: what bounds LLM generation speed, since every
 * generated token reads all (active) weights once.
 */
import type { GpuInfo, MachineInventory } from '../hardware/inventory';
import { knownGpuBandwidth } from './known-gpu-bandwidth';

/** Where a bandwidth figure came from. */
export type BandwidthSource = 'bus-width' | 'known-gpu' | 'memory-modules' | 'unknown';

export interface BandwidthEstimate {
  /** Peak bytes per second, or null when unknown. */
  bytesPerSecond: number | null;
  source: BandwidthSource;
  /** How it was computed, for people ("384-bit × 9751 MHz × 2 / 8"), or why it is unknown. */
  detail: string;
}

export interface GpuBandwidth extends BandwidthEstimate {
  index: number;
  name: string;
}

/** System RAM bandwidth, with the channel count it used (assumed 2 when the modules did not tell). */
export interface RamBandwidth extends BandwidthEstimate {
  channels: number | null;
  channelsAssumed: boolean;
}

export interface MachineBandwidth {
  ram: RamBandwidth;
  gpus: GpuBandwidth[];
}

/**
 * GPU memory bandwidth: bus width × max memory clock × 2 / 8 when NVML gives the bus width (NVML's memory
 * clock is half the data rate: a 3090's 9751 MHz is 19.5 Gbps per pin), else the spec sheet of a GPU
 * known by name, else unknown.
 */
export function gpuMemoryBandwidth(gpu: GpuInfo): BandwidthEstimate {
  const bus = gpu.memoryBusWidthBits;
  const clock = gpu.maxMemoryClockMHz;
  if (bus !== null && bus > 0 && clock !== null && clock > 0) {
    return {
      bytesPerSecond: (bus * clock * 1e6 * 2) / 8,
      source: 'bus-width',
      detail: `${bus}-bit × ${clock} MHz × 2 / 8`,
    };
  }
  const known = knownGpuBandwidth(gpu.name, gpu.memoryTotalBytes);
  if (known !== null) return { bytesPerSecond: known, source: 'known-gpu', detail: `spec sheet of ${gpu.name}` };
  return {
    bytesPerSecond: null,
    source: 'unknown',
    detail: 'the driver gave no memory bus width and this GPU is not in the known list',
  };
}

/**
 * System RAM bandwidth: MT/s × 8 bytes per 64-bit channel × channels (DDR5-5200 dual channel ≈ 83 GB/s).
 * When the channel count is unknown but the speed is known, two channels are assumed (the common desktop
 * layout) and the detail says so; with no speed the bandwidth is unknown.
 */
export function systemMemoryBandwidth(memory: MachineInventory['memory']): RamBandwidth {
  const speed = memory.speedMTs;
  if (speed === null || !(speed > 0)) {
    const detail = 'the memory modules did not report their speed; on Linux reading it needs root';
    return { bytesPerSecond: null, source: 'unknown', detail, channels: memory.channels, channelsAssumed: false };
  }
  const known = memory.channels !== null && memory.channels > 0;
  const channels = known ? memory.channels! : 2;
  const detail = `${speed} MT/s × 8 B × ${channels} channel${channels === 1 ? '' : 's'}${known ? '' : ' (channel count unknown: assumed 2)'}`;
  return {
    bytesPerSecond: speed * 1e6 * 8 * channels,
    source: 'memory-modules',
    detail,
    channels,
    channelsAssumed: !known,
  };
}

/** Bandwidth of system RAM and of every GPU in an inventory. */
export function estimateMachineBandwidth(inventory: MachineInventory): MachineBandwidth {
  return {
    ram: systemMemoryBandwidth(inventory.memory),
    gpus: inventory.gpus.map((gpu) => ({ index: gpu.index, name: gpu.name, ...gpuMemoryBandwidth(gpu) })),
  };
}
