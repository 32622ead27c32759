/**
 * Maps REST v0 `GET /api/v0/models` (LM Studio 0.3.6+) onto the normalized catalog. v0 has no sizes,
 * params or instance ids: a loaded model shows as one instance named by its id. Never throws.
 */
import type { CatalogModel } from '../../../shared/lmstudio/types';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

/** One `data[]` entry → CatalogModel; null when it has no id. */
export function mapV0Model(raw: unknown): CatalogModel | null {
  const entry = obj(raw);
  const id = str(entry?.id);
  if (!entry || !id) return null;
  const capabilities = Array.isArray(entry.capabilities) ? entry.capabilities : [];
  const format = entry.compatibility_type === 'gguf' || entry.compatibility_type === 'mlx' ? entry.compatibility_type : null;
  const type = entry.type === 'embeddings' || entry.type === 'embedding' ? 'embedding' : entry.type === 'vlm' ? 'vlm' : 'llm';
  return {
    key: id,
    displayName: id,
    type,
    publisher: str(entry.publisher),
    architecture: str(entry.arch),
    quantization: str(entry.quantization),
    bitsPerWeight: null,
    sizeBytes: null,
    paramsString: null,
    format,
    maxContextLength: int(entry.max_context_length),
    capabilities: { vision: type === 'vlm', toolUse: capabilities.includes('tool_use'), reasoning: capabilities.includes('reasoning') },
    path: null,
    loadedInstances:
      entry.state === 'loaded'
        ? [{ instanceId: id, modelKey: id, contextLength: int(entry.loaded_context_length), gpuOffload: null, ttlSeconds: null, flashAttention: null, offloadKvCacheToGpu: null, status: null }]
        : [],
  };
}

/** The whole answer → catalog; null when the body is not a v0 models list. */
export function mapV0Models(body: unknown): CatalogModel[] | null {
  const data = obj(body)?.data;
  if (!Array.isArray(data)) return null;
  return data.map(mapV0Model).filter((m): m is CatalogModel => m !== null);
}
