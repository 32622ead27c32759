/** Maps REST v1 `GET /api/v1/models` (LM Studio ≥ 0.4) onto the normalized catalog. Never throws. */
import type { CatalogModel, LoadedInstance } from '../../../shared/lmstudio/types';
import { readBody, type BodyReading } from './schemas/read-body';
import { V1ModelsAnswerSchema, type V1Instance, type V1Model } from './schemas/v1-bodies';

/** One `loaded_instances[]` entry → LoadedInstance. */
export function mapV1Instance(entry: V1Instance, modelKey: string): LoadedInstance {
  return {
    instanceId: entry.id,
    modelKey,
    contextLength: entry.config?.context_length ?? null,
    gpuOffload: null,
    ttlSeconds: null,
    flashAttention: entry.config?.flash_attention ?? null,
    offloadKvCacheToGpu: entry.config?.offload_kv_cache_to_gpu ?? null,
    status: null,
  };
}

/** One `models[]` entry → CatalogModel. */
export function mapV1Model(entry: V1Model): CatalogModel {
  const { key, capabilities, quantization } = entry;
  const vision = capabilities?.vision === true;
  const reasoning = capabilities?.reasoning;
  return {
    key,
    displayName: entry.display_name || key,
    type: entry.type === 'embedding' ? 'embedding' : vision ? 'vlm' : 'llm',
    publisher: entry.publisher || null,
    architecture: entry.architecture || null,
    quantization: (typeof quantization === 'string' ? quantization : quantization?.name) || null,
    bitsPerWeight: typeof quantization === 'object' ? (quantization?.bits_per_weight ?? null) : null,
    sizeBytes: entry.size_bytes ?? null,
    paramsString: entry.params_string || null,
    format: entry.format === 'gguf' || entry.format === 'mlx' ? entry.format : null,
    maxContextLength: entry.max_context_length ?? null,
    capabilities: {
      vision,
      toolUse: capabilities?.trained_for_tool_use === true,
      reasoning: reasoning !== undefined && reasoning !== null && reasoning !== false,
    },
    path: null,
    loadedInstances: (entry.loaded_instances ?? []).map((i) => mapV1Instance(i, key)),
  };
}

/** The whole answer → catalog, or the shape error naming the first unexpected field. */
export function readV1Models(body: unknown): BodyReading<CatalogModel[]> {
  const answer = readBody(V1ModelsAnswerSchema, body, '/api/v1/models');
  return answer.ok ? { ok: true, value: answer.value.models.map(mapV1Model) } : answer;
}
