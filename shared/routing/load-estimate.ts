/** The router's default memory estimate for a JIT load: the presets' memory-fit estimate (weights + KV + buffers). */
import type { CatalogModel } from '../lmstudio/types';
import { estimateInstanceMemory } from '../models/memory-fit';

const memo = new Map<string, number>();
const MEMO_LIMIT = 4096;

/**
 * Bytes the model would take loaded with `contextLength` (the core may inject a GGUF-header-exact one).
 * Memoized by key, size and context: each request reads a fresh catalog, and parsing sizes for 200
 * models every time would be most of the routing time.
 */
export function defaultLoadBytes(model: CatalogModel, contextLength: number): number | null {
  const id = `${model.key}\u0000${model.sizeBytes}\u0000${model.paramsString}\u0000${contextLength}`;
  const hit = memo.get(id);
  if (hit !== undefined) return hit;
  const bytes = estimateInstanceMemory({ key: model.key, sizeBytes: model.sizeBytes, paramsString: model.paramsString, contextLength }).totalBytes;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(id, bytes);
  return bytes;
}
