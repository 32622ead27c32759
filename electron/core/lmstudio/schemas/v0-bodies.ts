/**
 * REST v0 bodies (LM Studio 0.3.6+) as documented in reference §2.3, plus the fields observed but not
 * in the docs (`loaded_context_length`, `capabilities`). v0 has no sizes and no instance ids.
 */
import { z } from 'zod';

/** One `data[]` entry of `GET /api/v0/models`. */
export const V0ModelSchema = z.object({
  id: z.string().min(1),
  type: z.string().nullish(),
  publisher: z.string().nullish(),
  arch: z.string().nullish(),
  compatibility_type: z.string().nullish(),
  quantization: z.string().nullish(),
  state: z.string().nullish(),
  max_context_length: z.number().int().nullish(),
  loaded_context_length: z.number().int().nullish(),
  capabilities: z.array(z.string()).nullish(),
});

/** `GET /api/v0/models`. */
export const V0ModelsAnswerSchema = z.object({ data: z.array(V0ModelSchema) });

export type V0Model = z.output<typeof V0ModelSchema>;
