/**
 * Family queries: how built-in presets name models without knowing the user's exact keys.
 *
 * Syntax (in a preset model's `key`): `family:<name>|<name>|…@<size>[:<quantization>]`, e.g.
 * `family:deepseek-coder|qwen2.5-coder|codellama@33b:q4_k_m`. Names are tried in order (the first that
 * has a downloaded match wins); `*` matches any chat model. The size is a parameter count ("33b", "1b",
 * "500m") matched within ±20% (a "33b" query takes Qwen2.5 Coder 32B and CodeLlama 34B). The optional
 * quantization is a ceiling: files at or below it are preferred (a Q4_K_M query passes over an F16
 * download while a Q4 one exists), so a built-in stays the size its scenario in the user's profile says.
 */
import type { CatalogModel } from '../lmstudio/types';
import { parseParamsBillions } from '../models/memory-fit';
import { bitsPerWeight, normalizeQuantization } from '../models/model-size';

export const FAMILY_PREFIX = 'family:';
const SIZE_TOLERANCE = 0.2;

export interface FamilyQuery {
  families: string[];
  billions: number;
  /** The largest quantization wanted ("Q4_K_M"); absent = the best downloaded. */
  maxQuantization?: string;
}

/** True when a preset model key is a family query rather than an exact model key. */
export function isFamilyQuery(key: string): boolean {
  return key.startsWith(FAMILY_PREFIX);
}

/** Parse `family:a|b@7b` or `family:a|b@7b:q4_k_m`; null when the text is not a well-formed family query. */
export function parseFamilyQuery(key: string): FamilyQuery | null {
  if (!isFamilyQuery(key)) return null;
  const body = key.slice(FAMILY_PREFIX.length);
  const at = body.lastIndexOf('@');
  if (at <= 0) return null;
  const families = body
    .slice(0, at)
    .split('|')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const [size, quant, ...rest] = body.slice(at + 1).split(':');
  const billions = parseParamsBillions(`-${size}`);
  if (!families.length || billions === null || rest.length) return null;
  if (quant === undefined) return { families, billions };
  const maxQuantization = normalizeQuantization(quant);
  return maxQuantization ? { families, billions, maxQuantization } : null;
}

/** Effective bits per weight of a catalog file: from its quantization name, else LM Studio's figure. */
function modelBits(model: CatalogModel): number | null {
  return bitsPerWeight(model.quantization) ?? model.bitsPerWeight;
}

/** Whether a file is at or below the query's quantization ceiling (always, without one; unknown bits count as within). */
export function withinQuantization(query: FamilyQuery, model: CatalogModel): boolean {
  const ceiling = bitsPerWeight(query.maxQuantization);
  const bits = modelBits(model);
  return ceiling === null || bits === null || bits <= ceiling;
}

/** "a ~33B model (deepseek-coder, qwen2.5-coder or codellama)": what to download, in words. */
export function describeFamilyQuery(query: FamilyQuery): string {
  const size = query.billions >= 1 ? `${query.billions}B` : `${Math.round(query.billions * 1000)}M`;
  const named = query.families.filter((f) => f !== '*');
  const quant = query.maxQuantization ? ` (${query.maxQuantization} or smaller)` : '';
  if (!named.length) return `a ~${size} chat model${quant}`;
  const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}`;
  return `a ~${size} ${list} model${quant}`;
}

/** Lower-case, with spaces and underscores as dashes: "Qwen2.5 Coder 14B" → "qwen2.5-coder-14b". */
function normalizeName(text: string): string {
  return text.toLowerCase().replace(/[\s_]+/g, '-');
}

/** The model's parameter count in billions, from `params_string` or its key/display name. */
export function modelBillions(model: CatalogModel): number | null {
  return (
    parseParamsBillions(model.paramsString) ?? parseParamsBillions(model.key) ?? parseParamsBillions(model.displayName)
  );
}

/** Chat models of the catalog matching the query, grouped by the family that matched, in the query's order. */
export function matchFamilyQuery(query: FamilyQuery, catalog: CatalogModel[]): CatalogModel[][] {
  const sized = catalog.filter((m) => {
    if (m.type === 'embedding') return false;
    const b = modelBillions(m);
    return b !== null && Math.abs(b - query.billions) <= query.billions * SIZE_TOLERANCE;
  });
  return query.families.map((family) => {
    if (family === '*') return sized;
    return sized.filter((m) => normalizeName(m.key).includes(family) || normalizeName(m.displayName).includes(family));
  });
}
