/**
 * LM Studio's models and loaded instances, normalized across API levels (REST v1, v0 + `lms`).
 * The client maps each level's JSON onto these; everything above the client sees only these.
 */
import { z } from 'zod';
import { GpuOffloadSchema } from './gpu-offload';

/** Which LM Studio API the client found: v1 (0.4+), v0 only (0.3.x, loads through `lms`), or none. */
export const ApiLevelSchema = z.enum(['v1', 'v0', 'none']);

/** What an LM Studio API level cannot do, as a code each face words in its language (catalog namespace lmstudioNotice). */
export const LmStudioNoticeSchema = z.object({
  code: z.enum(['notRunning', 'noRest', 'v0WithLms', 'v0NoLms', 'noLms', 'tokenRequired', 'estimatesOnly']),
  params: z.record(z.string(), z.string()).optional(),
});
export type LmStudioNotice = z.infer<typeof LmStudioNoticeSchema>;
export type ApiLevel = z.infer<typeof ApiLevelSchema>;

/** One loaded instance of a model. Fields LM Studio does not report at this API level are null. */
export const LoadedInstanceSchema = z.object({
  instanceId: z.string(),
  modelKey: z.string(),
  contextLength: z.number().int().nullable(),
  /** Not in REST v1: known when Loadout loaded it through `lms`, or from `lms ps --json`. */
  gpuOffload: GpuOffloadSchema.nullable().default(null),
  ttlSeconds: z.number().int().nullable().default(null),
  flashAttention: z.boolean().nullable().default(null),
  offloadKvCacheToGpu: z.boolean().nullable().default(null),
  /** From `lms ps --json` or Loadout's own in-flight requests; null = unknown. */
  status: z.enum(['idle', 'generating', 'loading']).nullable().default(null),
});
export type LoadedInstance = z.infer<typeof LoadedInstanceSchema>;

/** One downloaded model in the user's catalog. */
export const CatalogModelSchema = z.object({
  key: z.string(),
  displayName: z.string(),
  type: z.enum(['llm', 'vlm', 'embedding']),
  publisher: z.string().nullable(),
  architecture: z.string().nullable(),
  /** e.g. "Q4_K_M", "4bit". */
  quantization: z.string().nullable(),
  bitsPerWeight: z.number().nullable(),
  sizeBytes: z.number().nullable(),
  /** e.g. "7B", "26B-A4B". */
  paramsString: z.string().nullable(),
  format: z.enum(['gguf', 'mlx']).nullable(),
  maxContextLength: z.number().int().nullable(),
  capabilities: z.object({ vision: z.boolean(), toolUse: z.boolean(), reasoning: z.boolean() }),
  /** The local file, when known (`lms ls --json`): lets memory-fit read the GGUF header. */
  path: z.string().nullable().default(null),
  loadedInstances: z.array(LoadedInstanceSchema),
});
export type CatalogModel = z.infer<typeof CatalogModelSchema>;
