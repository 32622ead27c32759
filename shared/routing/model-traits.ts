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

const CODER =
  /(?:^|[-_/.\s])(?:coder|code|codestral|codellama|starcoder\d*|codegemma|codeqwen|devstral|deepseek-coder|wizardcoder|phind|granite-\d+b?-code|qwq-coder|magicoder|sqlcoder)(?:$|[-_/.\d\s])/i;

/** Cached by key: every request reads a fresh catalog (new objects), and the same model keeps its traits. */
const byKey = new Map<string, { model: CatalogModel; traits: ModelTraits }>();
const BY_KEY_LIMIT = 4096;

/** Whether two catalog entries agree on everything traits are derived from. */
function sameSource(a: CatalogModel, b: CatalogModel): boolean {
  return (
    a.key === b.key &&
    a.displayName === b.displayName &&
    a.architecture === b.architecture &&
    a.type === b.type &&
    a.paramsString === b.paramsString &&
    a.maxContextLength === b.maxContextLength &&
    a.capabilities.vision === b.capabilities.vision &&
    a.capabilities.toolUse === b.capabilities.toolUse &&
    a.capabilities.reasoning === b.capabilities.reasoning
  );
}

/** Traits of a catalog model; cached per key (checked against the entry), so routing 200 models stays well under a millisecond. */
export function modelTraits(model: CatalogModel): ModelTraits {
  const known = byKey.get(model.key);
  if (known && (known.model === model || sameSource(known.model, model))) return known.traits;
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
  if (byKey.size >= BY_KEY_LIMIT) byKey.clear();
  byKey.set(model.key, { model: { ...model, capabilities: { ...model.capabilities }, loadedInstances: [] }, traits });
  return traits;
}
