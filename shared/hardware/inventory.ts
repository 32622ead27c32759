/** The machine's static inventory, read once at start: what `loadout profile` describes. */
import { z } from 'zod';
import { GpuUnavailableSchema } from './gpu-unavailable-schema';

const n = z.number().finite().nullable();

/** One GPU's static facts. */
export const GpuInfoSchema = z.object({
  index: z.number().int(),
  name: z.string(),
  uuid: z.string().nullable(),
  driverVersion: z.string().nullable(),
  /** e.g. "8.6". */
  computeCapability: z.string().nullable(),
  memoryTotalBytes: n,
  /** From NVML; with the max memory clock it gives the memory bandwidth. */
  memoryBusWidthBits: n,
  maxMemoryClockMHz: n,
  powerLimitW: n,
});
export type GpuInfo = z.infer<typeof GpuInfoSchema>;

export const MachineInventorySchema = z.object({
  cpu: z.object({
    brand: z.string().nullable(),
    manufacturer: z.string().nullable(),
    physicalCores: z.number().int().nullable(),
    logicalCores: z.number().int().nullable(),
    /** Max clock in GHz where known, else the base clock. */
    speedMaxGHz: n,
    /** L3 cache in bytes. */
    l3CacheBytes: n,
  }),
  memory: z.object({
    totalBytes: n,
    /** e.g. "DDR5". */
    type: z.string().nullable(),
    /** MT/s as the module reports it (DDR5-5200 → 5200). */
    speedMTs: n,
    modules: z.number().int().nullable(),
    /** Estimated from the modules; null when unknown. */
    channels: z.number().int().nullable(),
  }),
  os: z.object({
    platform: z.string(),
    distro: z.string().nullable(),
    release: z.string().nullable(),
    arch: z.string(),
  }),
  gpus: z.array(GpuInfoSchema),
  gpuUnavailableReason: z.string().nullable(),
  /** The same reason as data where it is a known one, for a window (or a pt-BR profile) to word; absent otherwise. */
  gpuUnavailable: GpuUnavailableSchema.nullable().optional(),
});
export type MachineInventory = z.infer<typeof MachineInventorySchema>;
