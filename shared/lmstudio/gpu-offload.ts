/** GPU offload as LM Studio's `lms` CLI takes it; presets, the catalog and benchmarks all speak it. */
import { z } from 'zod';

/** GPU offload as the `lms` CLI takes it: all layers, none, or a ratio. */
export const GpuOffloadSchema = z.union([z.literal('max'), z.literal('off'), z.number().min(0).max(1)]);
export type GpuOffload = z.infer<typeof GpuOffloadSchema>;
