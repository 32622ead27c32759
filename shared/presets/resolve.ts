/**
 * Resolving a preset against the user's catalog: family queries become exact model keys (family,
 * then size, then the best quantization within the query's ceiling that fits), exact keys are checked to be downloaded, and
 * what is missing is reported ("not downloaded: … — get it in LM Studio") instead of failing.
 */
import type { CatalogModel } from '../lmstudio/types';
import { baseModelName } from '../models/memory-fit';
import {
  describeFamilyQuery,
  isFamilyQuery,
  matchFamilyQuery,
  parseFamilyQuery,
  withinQuantization,
} from './family-query';
import type { GpuOffload, Preset, PresetModel } from './schema';

/** A preset model bound to one downloaded model. */
export interface ResolvedModel {
  /** The exact catalog key to load. */
  key: string;
  /** What the preset asked for (a family query or the same key). */
  requested: string;
  /** LM Studio's name for it ("Qwen2.5 7B Instruct"), when the catalog gives one. */
  displayName?: string;
  contextLength?: number;
  gpuOffload?: GpuOffload;
  ttlSeconds?: number;
  identifier?: string;
  sizeBytes: number | null;
  paramsString: string | null;
  quantization: string | null;
  /** Local GGUF path when known (lets memory-fit read the header). */
  path: string | null;
  /** The model's own context limit: LM Studio loads at most this much, whatever the preset asks. */
  maxContextLength?: number | null;
  /** True when none of the query's named families is downloaded and its `*` fallback stands in ("no 7B coder: using …"). */
  substitute?: boolean;
}

/** A preset model nothing in the catalog matches. */
export interface MissingModel {
  requested: string;
  /** "not downloaded: a ~33B deepseek-coder … model — get it in LM Studio". */
  message: string;
}

export interface ResolvedPreset {
  preset: Preset;
  models: ResolvedModel[];
  missing: MissingModel[];
}

export interface ResolveOptions {
  /**
   * Whether a candidate set fits the machine (the presets service plans and runs memory-fit here).
   * Without it, the best quantization of each model is taken.
   */
  fits?: (models: ResolvedModel[]) => boolean;
}

/** A slot's candidates, best quality first (empty when none is downloaded), and whether they stand in for the named families. */
interface SlotCandidates {
  files: CatalogModel[];
  substitute: boolean;
}

/** Vision models answer text too, but a text slot filled by one wastes memory on its projector and reads oddly ("coder: Qwen2-VL"). */
function isVision(model: CatalogModel): boolean {
  return model.type === 'vlm' || model.capabilities.vision;
}

/** Candidate catalog models for one preset entry. */
function candidatesFor(entry: PresetModel, catalog: CatalogModel[], usedBases: Set<string>): SlotCandidates {
  if (!isFamilyQuery(entry.key)) {
    const exact = catalog.find((m) => m.key === entry.key);
    return { files: exact ? [exact] : [], substitute: false };
  }
  const query = parseFamilyQuery(entry.key);
  if (!query) return { files: [], substitute: false };
  const within = (m: CatalogModel) => withinQuantization(query, m);
  const groups = matchFamilyQuery(query, catalog);
  // The first family with a text file within the quantization ceiling; else with any file within it; else the first
  // with any file (memory-fit then judges it).
  const group =
    groups.find((g) => g.some((m) => within(m) && !isVision(m))) ??
    groups.find((g) => g.some(within)) ??
    groups.find((g) => g.length > 0) ??
    [];
  if (!group.length) return { files: [], substitute: false };
  // One model (all its quantizations). Prefer, in order: a model the preset does not use yet with a file
  // within the ceiling (Dual 7B → two different Q4 7Bs), a second copy of one it uses, then anything;
  // text models before vision ones at every step (a vision model only when the group has nothing else).
  const allBases = [...new Set(group.map((m) => baseModelName(m.key)))];
  const isVisionBase = (b: string) => group.filter((m) => baseModelName(m.key) === b).every(isVision);
  const textBases = allBases.filter((b) => !isVisionBase(b));
  const bases = textBases.length ? textBases : allBases;
  const fitsCeiling = (b: string) => group.some((m) => baseModelName(m.key) === b && within(m));
  const base =
    bases.find((b) => !usedBases.has(b) && fitsCeiling(b)) ??
    bases.find(fitsCeiling) ??
    bases.find((b) => !usedBases.has(b)) ??
    bases[0]!;
  const files = group.filter((m) => baseModelName(m.key) === base);
  const preferred = files.some(within) ? files.filter(within) : files;
  // A stand-in: the model came from `*`, not from one of the families the query names.
  const named = query.families.map((f, i) => (f === '*' ? [] : groups[i]!)).flat();
  const substitute = query.families.some((f) => f !== '*') && !named.some((m) => baseModelName(m.key) === base);
  return { files: preferred.sort((a, b) => (b.sizeBytes ?? 0) - (a.sizeBytes ?? 0)), substitute };
}

function bind(entry: PresetModel, model: CatalogModel, substitute: boolean): ResolvedModel {
  const resolved: ResolvedModel = {
    key: model.key,
    requested: entry.key,
    displayName: model.displayName,
    sizeBytes: model.sizeBytes,
    paramsString: model.paramsString,
    quantization: model.quantization,
    path: model.path ?? null,
    maxContextLength: model.maxContextLength,
  };
  if (entry.contextLength !== undefined) resolved.contextLength = entry.contextLength;
  if (entry.gpuOffload !== undefined) resolved.gpuOffload = entry.gpuOffload;
  if (entry.ttlSeconds !== undefined) resolved.ttlSeconds = entry.ttlSeconds;
  if (entry.identifier !== undefined) resolved.identifier = entry.identifier;
  if (substitute) resolved.substitute = true;
  return resolved;
}

/** The words for a missing model: the family in words for a query, else the key. */
export function describeMissing(requested: string): string {
  const query = parseFamilyQuery(requested);
  const what = query ? describeFamilyQuery(query) : requested;
  return `not downloaded: ${what} — get it in LM Studio`;
}

/** "stand-in for a ~7B qwen2.5-coder or codellama model, none downloaded: using Qwen2.5 7B Instruct": why a slot loads what it does. */
export function describeSubstitute(
  requested: string,
  model: { key: string; displayName?: string | undefined },
): string {
  const query = parseFamilyQuery(requested);
  const what = query
    ? describeFamilyQuery({ families: query.families.filter((f) => f !== '*'), billions: query.billions })
    : requested;
  return `stand-in for ${what}, none downloaded: using ${model.displayName ?? model.key}`;
}

/** Bind every model of `preset` to a downloaded model, stepping quantizations down until `fits` says yes. */
export function resolvePreset(preset: Preset, catalog: CatalogModel[], options: ResolveOptions = {}): ResolvedPreset {
  const usedBases = new Set<string>();
  const slots: { entry: PresetModel; candidates: CatalogModel[]; substitute: boolean; index: number }[] = [];
  const missing: MissingModel[] = [];
  for (const entry of preset.models) {
    const { files: candidates, substitute } = candidatesFor(entry, catalog, usedBases);
    if (!candidates.length) {
      missing.push({ requested: entry.key, message: describeMissing(entry.key) });
      continue;
    }
    usedBases.add(baseModelName(candidates[0]!.key));
    slots.push({ entry, candidates, substitute, index: 0 });
  }
  const current = () => slots.map((s) => bind(s.entry, s.candidates[s.index]!, s.substitute));
  if (options.fits) {
    // Greedy: while it does not fit, step the largest model that has a smaller quantization down one.
    while (!options.fits(current())) {
      const steppable = slots.filter((s) => s.index + 1 < s.candidates.length);
      if (!steppable.length) break;
      const largest = steppable.reduce((a, b) =>
        (b.candidates[b.index]!.sizeBytes ?? 0) > (a.candidates[a.index]!.sizeBytes ?? 0) ? b : a,
      );
      largest.index++;
    }
  }
  return { preset, models: current(), missing };
}

/** What one preset entry came to: the model it loads, or why there is none. */
export interface EntryResolution {
  requested: string;
  model: ResolvedModel | null;
  missing: MissingModel | null;
}

/** One resolution per preset model, in the preset's order (`models` and `missing` each keep that order). */
export function resolutionsByEntry(resolved: ResolvedPreset): EntryResolution[] {
  let r = 0;
  let m = 0;
  return resolved.preset.models.map((entry) => {
    const model = resolved.models[r];
    if (model && model.requested === entry.key) {
      r++;
      return { requested: entry.key, model, missing: null };
    }
    const missing = resolved.missing[m];
    if (missing && missing.requested === entry.key) {
      m++;
      return { requested: entry.key, model: null, missing };
    }
    return { requested: entry.key, model: null, missing: null };
  });
}
