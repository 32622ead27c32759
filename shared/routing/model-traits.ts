/**
 * What a model is good for, derived from its key, architecture and capabilities (never from a list of
 * known keys): coder families, vision, tool use, size class. Any new "*-coder-*" model is recognised.
 */
import type { CatalogModel } from '../lmstudio/types';

export interface ModelTraits {
  coder: boolean;
  vision: boolean;
  toolUse: boolean;
  reasoning: boolean;
  embedding: boolean;
  /** Billions of parameters (active ones for MoE); null = unknown. */
  paramsB: number | null;
  /** A long-context family (≥ 100k max context). */
  longContext: boolean;
}

const CODER = /(?:^|[-_/.\s])(?:coder|code|codestral|codellama|starcoder\d*|codegemma|codeqwen|devstral|deepseek-coder|wizardcoder|phind|granite-\d+b?-code|qwq-coder|magicoder|sqlcoder)(?:$|[-_/.\d\s])/i;

/** Billions of parameters from "7B", "1.5B", "26B-A4B" (active 4B), "270M", or from the key ("qwen2.5-coder-14b"). */
export function parseParamsB(paramsString: string | null, key = ''): number | null {
  const fromString = paramsString ? parseOne(paramsString) : null;
  return fromString ?? parseOne(key);
}

function parseOne(s: string): number | null {
  const active = /A(\d+(?:\.\d+)?)B\b/i.exec(s);
  if (active) return Number(active[1]);
  const m = /(?:^|[^a-z\d.])(\d+(?:\.\d+)?)\s*([bm])(?![a-z])/i.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  if (!Number.isFinite(n) || n <= 0) return null;
  return m[2]!.toLowerCase() === 'm' ? n / 1000 : n;
}

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
    paramsB: parseParamsB(model.paramsString, model.key),
    longContext: (model.maxContextLength ?? 0) >= 100_000,
  };
  cache.set(model, traits);
  return traits;
}
