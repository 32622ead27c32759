/**
 * Maps REST v0 `GET /api/v0/models` (LM Studio 0.3.6+) onto the normalized catalog. v0 has no sizes,
 * params or instance ids: a loaded model shows as one instance named by its id. Never throws.
 */
import type { CatalogModel } from '../../../shared/lmstudio/types';
import { readBody, type BodyReading } from './schemas/read-body';
import { V0ModelsAnswerSchema, type V0Model } from './schemas/v0-bodies';

/** One `data[]` entry → CatalogModel. */
export function mapV0Model(entry: V0Model): CatalogModel {
  const { id } = entry;
  const capabilities = entry.capabilities ?? [];
  const format =
    entry.compatibility_type === 'gguf' || entry.compatibility_type === 'mlx' ? entry.compatibility_type : null;
  const type =
    entry.type === 'embeddings' || entry.type === 'embedding' ? 'embedding' : entry.type === 'vlm' ? 'vlm' : 'llm';
  return {
    key: id,
    displayName: id,
    type,
    publisher: entry.publisher || null,
    architecture: entry.arch || null,
    quantization: entry.quantization || null,
    bitsPerWeight: null,
    sizeBytes: null,
    paramsString: null,
    format,
    maxContextLength: entry.max_context_length ?? null,
    capabilities: {
      vision: type === 'vlm',
      toolUse: capabilities.includes('tool_use'),
      reasoning: capabilities.includes('reasoning'),
    },
    path: null,
    loadedInstances:
      entry.state === 'loaded'
        ? [
            {
              instanceId: id,
              modelKey: id,
              contextLength: entry.loaded_context_length ?? null,
              gpuOffload: null,
              ttlSeconds: null,
              flashAttention: null,
              offloadKvCacheToGpu: null,
              status: null,
            },
          ]
        : [],
  };
}

/** The whole answer → catalog, or the shape error naming the first unexpected field. */
export function readV0Models(body: unknown): BodyReading<CatalogModel[]> {
  const answer = readBody(V0ModelsAnswerSchema, body, '/api/v0/models');
  return answer.ok ? { ok: true, value: answer.value.data.map(mapV0Model) } : answer;
}
