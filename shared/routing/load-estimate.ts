/**
 * A rough memory estimate for a JIT load, used only when the core does not inject the project's
 * estimator (shared/models): weights as on disk plus 10 %, plus a KV cache of ~8 KB per token per
 * billion parameters (GQA models at f16). Errs high so the router stays conservative.
 */
import type { CatalogModel } from '../lmstudio/types';
import { modelTraits } from './model-traits';

/** Bytes the model would take loaded with `contextLength`; null when its size is unknown. */
export function roughLoadBytes(model: CatalogModel, contextLength: number): number | null {
  if (!model.sizeBytes || model.sizeBytes <= 0) return null;
  const paramsB = modelTraits(model).paramsB ?? model.sizeBytes / 0.6e9;
  return model.sizeBytes * 1.1 + contextLength * paramsB * 8 * 1024;
}
