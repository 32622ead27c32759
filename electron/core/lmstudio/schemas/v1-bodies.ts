/**
 * REST v1 bodies (LM Studio ≥ 0.4) as documented in reference §2.4: `GET /api/v1/models`,
 * `POST /api/v1/models/load` and `POST /api/v1/models/unload`. Only the fields Loadout reads are named;
 * optional ones may be missing or null.
 */
import { z } from 'zod';

/** `loaded_instances[].config` and the load answer's `load_config`: what Loadout reads of a load config. */
const V1LoadConfigSchema = z.object({
  context_length: z.number().int().nullish(),
  flash_attention: z.boolean().nullish(),
  offload_kv_cache_to_gpu: z.boolean().nullish(),
});

/** One `loaded_instances[]` entry. */
export const V1InstanceSchema = z.object({
  id: z.string().min(1),
  config: V1LoadConfigSchema.nullish(),
});

/** One `models[]` entry. `quantization` is `{name, bits_per_weight}`; older builds sent a plain name. */
export const V1ModelSchema = z.object({
  type: z.string().nullish(),
  publisher: z.string().nullish(),
  key: z.string().min(1),
  display_name: z.string().nullish(),
  architecture: z.string().nullish(),
  quantization: z
    .union([z.object({ name: z.string().nullish(), bits_per_weight: z.number().nullish() }), z.string()])
    .nullish(),
  size_bytes: z.number().nullish(),
  params_string: z.string().nullish(),
  loaded_instances: z.array(V1InstanceSchema).nullish(),
  max_context_length: z.number().int().nullish(),
  format: z.string().nullish(),
  capabilities: z
    .object({
      vision: z.boolean().nullish(),
      trained_for_tool_use: z.boolean().nullish(),
      reasoning: z.unknown().optional(),
    })
    .nullish(),
});

/** `GET /api/v1/models`. */
export const V1ModelsAnswerSchema = z.object({ models: z.array(V1ModelSchema) });

/** `POST /api/v1/models/load` (with `echo_load_config: true`, so `load_config` is there). */
export const V1LoadAnswerSchema = z.object({
  instance_id: z.string().min(1),
  load_time_seconds: z.number().nullish(),
  load_config: V1LoadConfigSchema.nullish(),
});

/** `POST /api/v1/models/unload`. */
export const V1UnloadAnswerSchema = z.object({ instance_id: z.string().min(1) });

export type V1Model = z.output<typeof V1ModelSchema>;
export type V1Instance = z.output<typeof V1InstanceSchema>;
