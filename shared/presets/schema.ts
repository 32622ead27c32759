/** Presets: named sets of LM Studio models with their load settings, applied in one click. */
import { z } from 'zod';
import { GpuOffloadSchema } from '../lmstudio/gpu-offload';

// Declared with the LM Studio types (which presets import), re-exported for the preset files that use it.
export { GpuOffloadSchema, type GpuOffload } from '../lmstudio/gpu-offload';

/** One model in a preset, with the load settings it asks for (absent = LM Studio's default). */
export const PresetModelSchema = z.object({
  /** An exact model key from the catalog, or for built-ins a family query resolved against it (see `resolve`). */
  key: z.string().min(1),
  contextLength: z.number().int().positive().optional(),
  gpuOffload: GpuOffloadSchema.optional(),
  ttlSeconds: z.number().int().positive().optional(),
  identifier: z.string().min(1).optional(),
});
export type PresetModel = z.infer<typeof PresetModelSchema>;

export const PresetSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-_]*$/i, 'use letters, digits, - and _'),
  name: z.string().min(1),
  description: z.string().default(''),
  models: z.array(PresetModelSchema),
  /** Unload what is not in the preset (pinned models excepted). */
  exclusive: z.boolean().default(true),
  /** Built-in presets name model families; their keys are resolved against the user's catalog. */
  builtIn: z.boolean().default(false),
});
export type Preset = z.infer<typeof PresetSchema>;
export type PresetInput = z.input<typeof PresetSchema>;
