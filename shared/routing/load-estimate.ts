/** The router's default memory estimate for a JIT load: the presets' memory-fit estimate (weights + KV + buffers). */
import type { CatalogModel } from '../lmstudio/types';
import { estimateInstanceMemory } from '../models/memory-fit';

interface Memo {
  sizeBytes: number | null;
  paramsString: string | null;
  byContext: Map<number, number>;
}
const memo = new Map<string, Memo>();
const MEMO_LIMIT = 4096;

/**
 * Bytes the model would take loaded with `contextLength` (the core may inject a GGUF-header-exact one).
 * Memoized by key (checked against size and parameters) and context: each request reads a fresh
 * catalog, and parsing sizes for 200 models every time would be most of the routing time.
 */
export function defaultLoadBytes(model: CatalogModel, contextLength: number): number | null {
  let m = memo.get(model.key);
  if (!m || m.sizeBytes !== model.sizeBytes || m.paramsString !== model.paramsString) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    m = { sizeBytes: model.sizeBytes, paramsString: model.paramsString, byContext: new Map() };
    memo.set(model.key, m);
  }
  const hit = m.byContext.get(contextLength);
  if (hit !== undefined) return hit;
  const bytes = estimateInstanceMemory({
    key: model.key,
    sizeBytes: model.sizeBytes,
    paramsString: model.paramsString,
    contextLength,
  }).totalBytes;
  m.byContext.set(contextLength, bytes);
  return bytes;
}
