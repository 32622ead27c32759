/**
 * What a model is good for, derived from its key, architecture and capabilities (never from a list of
 * known keys): coder families, vision, tool use, size class. Any new "*-coder-*" model is recognised.
 */
import type { CatalogModel } from '../lmstudio/types';
import { parseParamsBillions } from '../models/memory-fit';

export interface ModelTraits {
  coder: boolean;
  vision: boolean;
  toolUse: boolean;
  reasoning: boolean;
  embedding: boolean;
  /** Billions of parameters (total); null = unknown. */
  paramsB: number | null;
  /** A long-context family (≥ 100k max context). */
  longContext: boolean;
}

const CODER = /(?:^|[-_/.\s])(?:coder|code|codestral|codellama|starcoder\d*|codegemma|codeqwen|devstral|deepseek-coder|wizardcoder|phind|granite-\d+b?-code|qwq-coder|magicoder|sqlcoder)(?:$|[-_/.\d\s])/i;

const cache = new WeakMap<CatalogModel, ModelTraits>();

/** Traits of a catalog model; cached per object, so routing 200 models stays well under a millisecond. */
export function modelTraits(model: CatalogModel): ModelTraits {
  const hit = cache.get(model);
  if (hit) return hit;
  const name = `${model.key} ${model.displayName} ${model.architecture ?? ''}`;
  const traits: ModelTraits = {
    coder: CODER.test(name),
    // Vision only from what LM Studio reports: a "-vl" GGUF without its projector file cannot see.
    vision: model.type === 'vlm' || model.capabilities.vision,
    toolUse: model.capabilities.toolUse,
    reasoning: model.capabilities.reasoning,
    embedding: model.type === 'embedding',
    paramsB: parseParamsBillions(model.paramsString) ?? parseParamsBillions(model.key),
    longContext: (model.maxContextLength ?? 0) >= 100_000,
  };
  cache.set(model, traits);
  return traits;
}
