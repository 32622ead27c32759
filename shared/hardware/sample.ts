/**
 * The hardware sample: one reading of GPU, CPU and RAM, as the sampler publishes it and
 * `loadout monitor --json` prints it. Unknown values are `null`, never 0 or NaN.
 */
import { z } from 'zod';
import { GpuUnavailableSchema } from './gpu-unavailable-schema';

/** Where the GPU numbers came from. */
export const GpuSourceSchema = z.enum(['nvml', 'nvidia-smi', 'none']);
export type GpuSource = z.infer<typeof GpuSourceSchema>;

const nullableNumber = z.number().finite().nullable();

/** One GPU's live reading. */
export const GpuSampleSchema = z.object({
  index: z.number().int(),
  name: z.string().nullable(),
  uuid: z.string().nullable(),
  utilizationPercent: nullableNumber,
  memoryUtilizationPercent: nullableNumber,
  memoryUsedBytes: nullableNumber,
  memoryTotalBytes: nullableNumber,
  temperatureC: nullableNumber,
  /** `power.draw`: the driver's 1-second average on Ampere and newer. Integrate this, never the instant reading. */
  powerW: nullableNumber,
  powerLimitW: nullableNumber,
  /** The GPU's own cumulative energy counter (NVML), in millijoules; null where unsupported or through nvidia-smi. */
  energyCounterMJ: nullableNumber,
  /**
   * True when this sample did not read the counter (NVML reads it every ENERGY_COUNTER_PERIOD_MS, it costs
   * ~4 ms of CPU): `energyCounterMJ` is then null without meaning "unsupported". Absent where it was read.
   */
  energyCounterNotRead: z.literal(true).optional(),
  clockSmMHz: nullableNumber,
  clockMemMHz: nullableNumber,
  fanPercent: nullableNumber,
  pstate: z.string().nullable(),
  /**
   * When the driver took this reading (ISO): nvidia-smi's own `timestamp` column, or the NVML read time.
   * Energy integrates over these, not over the sampler's clock, so a delayed pipe does not skew kWh.
   */
  sampledAt: z.string().nullable().optional(),
});
export type GpuSample = z.infer<typeof GpuSampleSchema>;

/** Per-process GPU memory, where the platform reports it (not under Windows WDDM). */
export const GpuProcessSchema = z.object({
  pid: z.number().int(),
  name: z.string().nullable(),
  gpuUuid: z.string().nullable(),
  usedMemoryBytes: nullableNumber,
});
export type GpuProcess = z.infer<typeof GpuProcessSchema>;

/** One full reading of the machine. */
export const HardwareSampleSchema = z.object({
  timestamp: z.string(),
  cpu: z.object({ loadPercent: nullableNumber, perCore: z.array(z.number()) }),
  memory: z.object({ totalBytes: nullableNumber, usedBytes: nullableNumber, availableBytes: nullableNumber }),
  gpus: z.array(GpuSampleSchema),
  gpuSource: GpuSourceSchema,
  /** Why there is no GPU data ("no NVIDIA driver found", "nvidia-smi exited: …"), or null when there is. */
  gpuUnavailableReason: z.string().nullable(),
  /** The same reason as data where it is a known one, for a window to word in its language; absent otherwise. */
  gpuUnavailable: GpuUnavailableSchema.nullable().optional(),
  /** Per-process GPU memory; null when the platform does not give it, with the reason beside it. */
  gpuProcesses: z.array(GpuProcessSchema).nullable().optional(),
  gpuProcessesUnavailableReason: z.string().nullable().optional(),
  /** The reason as data where it is one of the known gaps, for a window to word in its language; absent otherwise. */
  gpuProcessesUnavailableKind: z.enum(['not-watched', 'wddm', 'not-read-yet', 'no-source']).nullable().optional(),
  /** Why the preferred source (NVML) was not used when GPU data comes from nvidia-smi; null otherwise. */
  gpuFallbackReason: z.string().nullable().optional(),
  /**
   * Set while the NVIDIA driver is installed but does not answer (at login before it is up, during a
   * reset or an update): since when, and when Loadout looks again (null while it is looking). GPU
   * readings resume by themselves; null or absent otherwise.
   */
  gpuDriverWait: z.object({ since: z.string(), nextProbeAt: z.string().nullable() }).nullable().optional(),
});
export type HardwareSample = z.infer<typeof HardwareSampleSchema>;
/** A known reason the GPU process list is missing (worded from the `monitor.processesGap_*` catalog keys). */
export type GpuProcessesGap = NonNullable<HardwareSample['gpuProcessesUnavailableKind']>;
