/**
 * The preset planner: from what is loaded now and what a preset wants, the shortest safe sequence of
 * keep / unload / load. An instance that already matches (same key, same requested settings) is kept,
 * so switching between overlapping presets makes no redundant call. Unloads come first (largest first,
 * to free memory early), then loads (largest first, while memory is least fragmented). Pinned models
 * are never unloaded, and a non-exclusive preset unloads nothing.
 */
import type { LoadedInstance } from '../lmstudio/types';
import type { ResolvedModel } from './resolve';
import type { GpuOffload } from './schema';

export type PlanAction = 'keep' | 'unload' | 'load';

/** One step of a switch. */
/** Why a step is in the plan, as a code (`reason` is its English). */
export type PlanReasonCode =
  'alreadyLoaded' | 'otherSettings' | 'notLoaded' | 'pinned' | 'notExclusive' | 'settingsDiffer' | 'notInPreset';

export interface PlanStep {
  action: PlanAction;
  key: string;
  /** The instance kept or unloaded; for a load, the identifier asked for (or null: LM Studio picks it). */
  instanceId: string | null;
  /** Model file size, for progress and ordering; null when unknown. */
  sizeBytes: number | null;
  /** Why: "already loaded with these settings", "pinned", "not in the preset", "settings differ", … */
  reason: string;
  /** The same reason as a code, which a face words in its language (catalog planReason). */
  reasonCode?: PlanReasonCode;
  /** For a load: the model and settings to load. */
  load?: ResolvedModel;
  /** For keep/unload: the instance as it is now. */
  instance?: LoadedInstance;
}

export interface PresetPlan {
  steps: PlanStep[];
  counts: { keep: number; unload: number; load: number };
}

export interface PlanInput {
  current: LoadedInstance[];
  desired: ResolvedModel[];
  /** Model keys or instance ids never to unload. */
  pinned: string[];
  /** Unload what the preset does not name (default true). */
  exclusive: boolean;
  /** Size per model key, to order steps (from the catalog). */
  sizeOf?: (key: string) => number | null;
}

function sameOffload(a: GpuOffload, b: GpuOffload): boolean {
  // Stryker disable next-line ConditionalExpression: a shortcut; equal values also have equal ratios below.
  if (a === b) return true;
  const ratio = (v: GpuOffload) => (v === 'max' ? 1 : v === 'off' ? 0 : v);
  // Stryker disable next-line EqualityOperator: a difference of exactly 1e-6 is not a real offload setting.
  return Math.abs(ratio(a) - ratio(b)) < 1e-6;
}

/** The context LM Studio will actually load: the request, capped at the model's own limit. */
export function effectiveContext(wanted: ResolvedModel): number | undefined {
  if (wanted.contextLength === undefined) return undefined;
  return wanted.maxContextLength ? Math.min(wanted.contextLength, wanted.maxContextLength) : wanted.contextLength;
}

/**
 * Whether a loaded instance satisfies a wanted model. Settings the preset does not ask for match
 * anything; settings LM Studio does not report at this API level (null) are taken as matching —
 * reloading a model because a value is unknown would be exactly the redundant call this avoids.
 */
export function instanceMatches(instance: LoadedInstance, wanted: ResolvedModel): boolean {
  if (instance.modelKey !== wanted.key) return false;
  if (wanted.identifier !== undefined && instance.instanceId !== wanted.identifier) return false;
  if (
    wanted.contextLength !== undefined &&
    instance.contextLength !== null &&
    instance.contextLength !== effectiveContext(wanted)
  )
    return false;
  if (
    wanted.gpuOffload !== undefined &&
    instance.gpuOffload !== null &&
    !sameOffload(instance.gpuOffload, wanted.gpuOffload)
  )
    return false;
  if (wanted.ttlSeconds !== undefined && instance.ttlSeconds !== null && instance.ttlSeconds !== wanted.ttlSeconds)
    return false;
  return true;
}

/** True when `instance` is pinned by its key or its instance id. */
export function isPinned(instance: LoadedInstance, pinned: string[]): boolean {
  return pinned.includes(instance.instanceId) || pinned.includes(instance.modelKey);
}

function specificity(wanted: ResolvedModel): number {
  const set = (v: unknown) => (v === undefined ? 0 : 1);
  return set(wanted.identifier) * 8 + set(wanted.contextLength) + set(wanted.gpuOffload) + set(wanted.ttlSeconds);
}

/** Plan a switch from `current` to `desired`. Pure; the same input always gives the same plan. */
export function planPresetSwitch(input: PlanInput): PresetPlan {
  const sizeOf = (key: string, fallback: number | null) => input.sizeOf?.(key) ?? fallback;
  const unmatched = [...input.current];
  const keeps: PlanStep[] = [];
  const loads: PlanStep[] = [];

  // Most specific requests first, so a generic request cannot take the instance a specific one needs.
  const order = [...input.desired].sort((a, b) => specificity(b) - specificity(a));
  for (const wanted of order) {
    const at = unmatched.findIndex((inst) => instanceMatches(inst, wanted));
    if (at >= 0) {
      const [inst] = unmatched.splice(at, 1);
      keeps.push({
        action: 'keep',
        key: inst!.modelKey,
        instanceId: inst!.instanceId,
        sizeBytes: sizeOf(inst!.modelKey, wanted.sizeBytes),
        reason: 'already loaded with these settings',
        reasonCode: 'alreadyLoaded',
        instance: inst!,
      });
    } else {
      const differs = input.current.some((inst) => inst.modelKey === wanted.key);
      loads.push({
        action: 'load',
        key: wanted.key,
        instanceId: wanted.identifier ?? null,
        sizeBytes: sizeOf(wanted.key, wanted.sizeBytes),
        reason: differs ? 'loaded with other settings' : 'not loaded',
        reasonCode: differs ? 'otherSettings' : 'notLoaded',
        load: wanted,
      });
    }
  }

  const unloads: PlanStep[] = [];
  for (const inst of unmatched) {
    const size = sizeOf(inst.modelKey, null);
    if (isPinned(inst, input.pinned))
      keeps.push({
        action: 'keep',
        key: inst.modelKey,
        instanceId: inst.instanceId,
        sizeBytes: size,
        reason: 'pinned',
        reasonCode: 'pinned',
        instance: inst,
      });
    else if (!input.exclusive)
      keeps.push({
        action: 'keep',
        key: inst.modelKey,
        instanceId: inst.instanceId,
        sizeBytes: size,
        reason: 'not in the preset (the preset is not exclusive)',
        reasonCode: 'notExclusive',
        instance: inst,
      });
    else {
      const replaced = input.desired.some((w) => w.key === inst.modelKey);
      unloads.push({
        action: 'unload',
        key: inst.modelKey,
        instanceId: inst.instanceId,
        sizeBytes: size,
        reason: replaced ? 'settings differ from the preset' : 'not in the preset',
        reasonCode: replaced ? 'settingsDiffer' : 'notInPreset',
        instance: inst,
      });
    }
  }

  const bySizeDesc = (a: PlanStep, b: PlanStep) =>
    (b.sizeBytes ?? 0) - (a.sizeBytes ?? 0) || a.key.localeCompare(b.key);
  unloads.sort(bySizeDesc);
  loads.sort(bySizeDesc);
  return {
    steps: [...keeps, ...unloads, ...loads],
    counts: { keep: keeps.length, unload: unloads.length, load: loads.length },
  };
}
