/** Maps REST v1 `GET /api/v1/models` (LM Studio ≥ 0.4) onto the normalized catalog. Never throws. */
import type { CatalogModel, LoadedInstance } from '../../../shared/lmstudio/types';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

/** One `loaded_instances[]` entry → LoadedInstance; null when it has no id. */
export function mapV1Instance(raw: unknown, modelKey: string): LoadedInstance | null {
  const entry = obj(raw);
  const id = str(entry?.id);
  if (!entry || !id) return null;
  const config = obj(entry.config) ?? {};
  return {
    instanceId: id,
    modelKey,
    contextLength: int(config.context_length),
    gpuOffload: null,
    ttlSeconds: null,
    flashAttention: bool(config.flash_attention),
    offloadKvCacheToGpu: bool(config.offload_kv_cache_to_gpu),
    status: null,
  };
}

/** One `models[]` entry → CatalogModel; null when it has no key. */
export function mapV1Model(raw: unknown): CatalogModel | null {
  const entry = obj(raw);
  const key = str(entry?.key);
  if (!entry || !key) return null;
  const capabilities = obj(entry.capabilities) ?? {};
  const quantization = obj(entry.quantization);
  const vision = capabilities.vision === true;
  const format = entry.format === 'gguf' || entry.format === 'mlx' ? entry.format : null;
  const instances = Array.isArray(entry.loaded_instances) ? entry.loaded_instances : [];
  return {
    key,
    displayName: str(entry.display_name) ?? key,
    type: entry.type === 'embedding' ? 'embedding' : vision ? 'vlm' : 'llm',
    publisher: str(entry.publisher),
    architecture: str(entry.architecture),
    quantization: str(quantization?.name) ?? str(entry.quantization),
    bitsPerWeight: num(quantization?.bits_per_weight),
    sizeBytes: num(entry.size_bytes),
    paramsString: str(entry.params_string),
    format,
    maxContextLength: int(entry.max_context_length),
    capabilities: {
      vision,
      toolUse: capabilities.trained_for_tool_use === true,
      reasoning: capabilities.reasoning !== undefined && capabilities.reasoning !== null && capabilities.reasoning !== false,
    },
    path: null,
    loadedInstances: instances.map((i) => mapV1Instance(i, key)).filter((i): i is LoadedInstance => i !== null),
  };
}

/** The whole answer → catalog; null when the body is not a v1 models list. */
export function mapV1Models(body: unknown): CatalogModel[] | null {
  const models = obj(body)?.models;
  if (!Array.isArray(models)) return null;
  return models.map(mapV1Model).filter((m): m is CatalogModel => m !== null);
}
