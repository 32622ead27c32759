/** Contract: live telemetry, its history, the machine's inventory and the capacity table. */
import { z } from 'zod';
import { MachineInventorySchema } from '../hardware/inventory';
import { HardwareSampleSchema } from '../hardware/sample';
import { NoInput, nullableNumber } from './common';
import { defineEvent, defineMethod } from './define';

/** Where a model of a given size and quantization fits on this machine. */
export const CapacityFitSchema = z.enum(['gpu', 'split', 'cpu', 'no']);

/** One row of the capacity table: a model size at one quantization. */
export const CapacityRowSchema = z.object({
  /** Parameters in billions (1, 3, 7, 13, 33, 70 …). */
  paramsBillions: z.number(),
  /** e.g. "Q4_K_M". */
  quantization: z.string(),
  memoryBytes: z.number(),
  fit: CapacityFitSchema,
  /** Estimated generation speed from memory bandwidth; null when the bandwidth is unknown or it does not fit. */
  tokensPerSecond: nullableNumber,
});
export type CapacityRow = z.infer<typeof CapacityRowSchema>;

/** The machine profile: inventory, bandwidths and the computed capacity table. */
export const CapacityTableSchema = z.object({
  inventory: MachineInventorySchema,
  gpuBandwidthGBs: nullableNumber,
  ramBandwidthGBs: nullableNumber,
  rows: z.array(CapacityRowSchema),
  /** The same profile as Markdown, as `loadout profile` prints it. */
  markdown: z.string(),
});
export type CapacityTable = z.infer<typeof CapacityTableSchema>;

export const hardwareMethods = {
  'hardware.latest': defineMethod(NoInput, HardwareSampleSchema.nullable(), 'The most recent hardware sample, or null before the first.'),
  'hardware.history': defineMethod(
    z.object({ sinceMs: z.number().int().nonnegative().optional() }).optional(),
    z.array(HardwareSampleSchema),
    'Samples from the in-memory hour, oldest first, optionally from a Unix ms time on.',
  ),
  'hardware.inventory': defineMethod(NoInput, MachineInventorySchema, 'The static inventory: CPU, RAM, OS and GPUs.'),
  'profile.capacity': defineMethod(NoInput, CapacityTableSchema, 'The machine profile with the capacity table for 1B–70B models.'),
} as const;

export const hardwareEvents = {
  'hardware.sample': defineEvent(HardwareSampleSchema, 'Every new hardware sample (default 1 Hz).'),
} as const;
