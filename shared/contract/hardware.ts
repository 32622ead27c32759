/** Contract: live telemetry, its history, the machine's inventory and the capacity table. */
import { z } from 'zod';
import { MachineInventorySchema } from '../hardware/inventory';
import { HardwareSampleSchema } from '../hardware/sample';
import { NoInput, nullableNumber } from './common';
import { defineEvent, defineMethod } from './define';

/** Where a model of a given size and quantization fits on this machine. */
export const CapacityFitSchema = z.enum(['gpu', 'split', 'cpu', 'no']);

/** One row of the capacity table: a model size at one quantization (mirrors shared/profile/capacity-table). */
export const CapacityRowSchema = z.object({
  /** e.g. "7B". */
  size: z.string(),
  parameters: z.number(),
  /** e.g. "Q4_K_M". */
  quantization: z.string(),
  memory: z.object({
    weightBytes: z.number(),
    kvCacheBytes: z.number(),
    overheadBytes: z.number(),
    totalBytes: z.number(),
    bytesPerToken: z.number(),
  }),
  fit: CapacityFitSchema,
  /** Estimated generation speed where it fits; null when it does not fit or a bandwidth is unknown. */
  tokensPerSecond: nullableNumber,
  /** Share of the weights on the GPU (1 GPU, 0 CPU, between for a split); null when it does not fit. */
  gpuShare: nullableNumber,
  cpuOnlyTokensPerSecond: nullableNumber,
});
export type CapacityRow = z.infer<typeof CapacityRowSchema>;

/** The machine profile: inventory and the computed capacity table (bandwidths in bytes per second). */
export const CapacityTableSchema = z.object({
  inventory: MachineInventorySchema,
  contextTokens: z.number().int(),
  gpu: z
    .object({ index: z.number().int(), name: z.string(), usableBytes: z.number(), bandwidth: nullableNumber })
    .nullable(),
  ram: z.object({ usableBytes: nullableNumber, bandwidth: nullableNumber }),
  rows: z.array(CapacityRowSchema),
  /** The same profile as Markdown, as `loadout profile` prints it. */
  markdown: z.string(),
});
export type CapacityTable = z.infer<typeof CapacityTableSchema>;

export const hardwareMethods = {
  'hardware.latest': defineMethod(
    NoInput,
    HardwareSampleSchema.nullable(),
    'The most recent hardware sample, or null before the first.',
  ),
  'hardware.history': defineMethod(
    z.object({ sinceMs: z.number().int().nonnegative().optional() }).optional(),
    z.array(HardwareSampleSchema),
    'Samples from the in-memory hour, oldest first, optionally from a Unix ms time on.',
  ),
  'hardware.inventory': defineMethod(NoInput, MachineInventorySchema, 'The static inventory: CPU, RAM, OS and GPUs.'),
  'profile.capacity': defineMethod(
    NoInput,
    CapacityTableSchema,
    'The machine profile with the capacity table for 1B–70B models.',
  ),
} as const;

export const hardwareEvents = {
  'hardware.sample': defineEvent(HardwareSampleSchema, 'Every new hardware sample (default 1 Hz).'),
} as const;
