/**
 * Switch preparation: everything known about a switch before it runs, and nothing changed. Reads LM
 * Studio's live state, resolves the preset against the catalog, plans the minimal keep/unload/load
 * sequence (`shared/presets/plan.ts`) and checks memory against the latest hardware sample
 * (`shared/models/memory-fit.ts`). A dry run is this alone; a switch runs it first (preset-switcher.ts).
 */
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { CatalogModel, LoadedInstance } from '../../../shared/lmstudio/types';
import { checkMemoryFit, type FitResult, type MemoryDemand } from '../../../shared/models/memory-fit';
import {
  effectiveContext,
  instanceMatches,
  planPresetSwitch,
  type PlanStep,
  type PresetPlan,
} from '../../../shared/presets/plan';
import { resolvePreset, type ResolvedModel, type ResolvedPreset } from '../../../shared/presets/resolve';
import type { Preset } from '../../../shared/presets/schema';
import type { LmStudioClient } from '../lmstudio/client-types';
import { GgufShapeCache } from '../models/gguf-header';
import type { PresetStore } from './preset-store';
import { scheduleLoads, type ScheduledLoad } from './switch-overlap';

/** Everything known about a switch before it runs. */
export interface PreparedSwitch {
  preset: Preset;
  resolved: ResolvedPreset;
  catalog: CatalogModel[];
  current: LoadedInstance[];
  plan: PresetPlan;
  fit: FitResult;
  /** The loads in the order they run, each with the unloads it waits for (switch-overlap.ts). */
  loadOrder: ScheduledLoad[];
  /** The step that brings the preset's first-listed model (its kept instance or its load), which loads first; null for an empty preset. */
  primaryStep: PlanStep | null;
}

export interface SwitchPreparationDeps {
  client: Pick<LmStudioClient, 'listModels' | 'listLoaded' | 'listLocalFiles'>;
  /** Presets by id and the pinned list. */
  store: Pick<PresetStore, 'get' | 'pinned'>;
  /** The latest hardware sample (null when there is none: memory is then checked against RAM or not at all). */
  getSample: () => Promise<HardwareSample | null> | HardwareSample | null;
  shapes?: GgufShapeCache;
  now?: () => number;
}

/** The plan step that brings the preset's first model: the load asking for it, or an instance kept that matches it. */
function firstModelStep(plan: PresetPlan, first: ResolvedModel | undefined): PlanStep | null {
  if (!first) return null;
  return (
    plan.steps.find((s) => s.action === 'load' && s.load === first) ??
    plan.steps.find((s) => s.action === 'keep' && s.instance && instanceMatches(s.instance, first)) ??
    null
  );
}

/** How long local model paths from `lms ls` are reused. */
const PATHS_TTL_MS = 5 * 60_000;

/** Prepares switches (see the module comment); keeps the GGUF shapes and local paths it read. */
export class SwitchPreparation {
  private readonly shapes: GgufShapeCache;
  private pathCache: { at: number; paths: Map<string, string> } | null = null;

  constructor(private readonly deps: SwitchPreparationDeps) {
    this.shapes = deps.shapes ?? new GgufShapeCache();
  }

  /** Read LM Studio's state, resolve, plan and check memory; changes nothing. */
  async prepare(target: string | Preset, signal?: AbortSignal): Promise<PreparedSwitch> {
    const preset = typeof target === 'string' ? this.deps.store.get(target) : target;
    const [catalog, current, paths, sample] = await Promise.all([
      this.deps.client.listModels({ signal }),
      this.deps.client.listLoaded({ signal }),
      this.localPaths(signal),
      this.deps.getSample(),
    ]);
    for (const m of catalog) m.path ??= paths.get(m.key.toLowerCase()) ?? null;
    const pinned = this.deps.store.pinned();
    const catalogByKey = new Map(catalog.map((m) => [m.key, m]));
    const sizeOf = (key: string) => catalogByKey.get(key)?.sizeBytes ?? null;

    // KV shapes from the local GGUF headers of every model involved (read once per file).
    const shapeByKey = new Map<string, Awaited<ReturnType<GgufShapeCache['shapeOf']>>>();
    await Promise.all(
      catalog.filter((m) => m.path).map(async (m) => shapeByKey.set(m.key, await this.shapes.shapeOf(m.path))),
    );

    const evaluate = (models: ResolvedModel[]) => {
      const plan = planPresetSwitch({ current, desired: models, pinned, exclusive: preset.exclusive, sizeOf });
      const loads: MemoryDemand[] = plan.steps
        .filter((s) => s.action === 'load')
        .map((s) => ({
          key: s.key,
          sizeBytes: s.load!.sizeBytes,
          paramsString: s.load!.paramsString,
          contextLength: effectiveContext(s.load!) ?? null,
          gpuOffload: s.load!.gpuOffload ?? null,
          kvShape: shapeByKey.get(s.key) ?? null,
        }));
      const unloads: MemoryDemand[] = plan.steps
        .filter((s) => s.action === 'unload')
        .map((s) => ({
          key: s.key,
          sizeBytes: sizeOf(s.key),
          paramsString: catalogByKey.get(s.key)?.paramsString ?? null,
          contextLength: s.instance?.contextLength ?? null,
          gpuOffload: s.instance?.gpuOffload ?? null,
          kvShape: shapeByKey.get(s.key) ?? null,
        }));
      return { plan, loads, unloads, fit: checkMemoryFit({ loads, unloads, sample, catalog }) };
    };
    const resolved = resolvePreset(preset, catalog, { fits: (models) => evaluate(models).fit.fits });
    const { plan, fit, loads, unloads } = evaluate(resolved.models);
    const primaryStep = firstModelStep(plan, resolved.models[0]);
    const stepsOf = (action: 'load' | 'unload') => plan.steps.filter((s) => s.action === action);
    const loadOrder = scheduleLoads({
      loads: stepsOf('load').map((step, i) => ({ step, demand: loads[i]! })),
      unloads: stepsOf('unload').map((step, i) => ({ step, demand: unloads[i]! })),
      sample,
      primary: primaryStep?.action === 'load' ? primaryStep : null,
    });
    return { preset, resolved, catalog, current, plan, fit, loadOrder, primaryStep };
  }

  /**
   * Local GGUF paths by model key (`lms ls --json`), cached for PATHS_TTL_MS: spawning `lms` on every
   * switch costs a few hundred ms, and a model downloaded meanwhile only falls back to the KV heuristic.
   */
  private async localPaths(signal?: AbortSignal): Promise<Map<string, string>> {
    const now = (this.deps.now ?? Date.now)();
    if (this.pathCache && now - this.pathCache.at < PATHS_TTL_MS) return this.pathCache.paths;
    const paths = new Map<string, string>();
    try {
      for (const f of await this.deps.client.listLocalFiles({ signal })) {
        const file = f.absolutePath ?? f.path;
        if (file) paths.set(f.modelKey.toLowerCase(), file);
      }
    } catch {
      // No lms (or it failed): memory fit uses the KV heuristic; nothing else depends on paths.
    }
    this.pathCache = { at: now, paths };
    return paths;
  }
}
