/** The router's default memory estimate for a JIT load: the presets' memory-fit estimate (weights + KV + buffers). */
import type { CatalogModel } from '../lmstudio/types';
import { estimateInstanceMemory } from '../models/memory-fit';

/** Bytes the model would take loaded with `contextLength` (the core may inject a GGUF-header-exact one). */
export function defaultLoadBytes(model: CatalogModel, contextLength: number): number | null {
  return estimateInstanceMemory({ key: model.key, sizeBytes: model.sizeBytes, paramsString: model.paramsString, contextLength }).totalBytes;
}
