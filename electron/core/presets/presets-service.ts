/**
 * The presets service: what the tray, the windows, `loadout serve` and the CLI call to list, edit,
 * plan and apply presets. A switch reads LM Studio's live state, resolves the preset against the
 * catalog, plans the minimal keep/unload/load sequence, checks memory against the latest hardware
 * sample BEFORE touching anything, then runs the plan with progress events (see executor.ts).
 */
import type { BusyModel as ContractBusyModel, ModelsState } from '../../../shared/contract/models';
import type { PlanStep as ContractPlanStep, PresetList, PresetPlanResult, PresetProgress, PresetSwitchResult } from '../../../shared/contract/presets';
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { CatalogModel, LoadedInstance } from '../../../shared/lmstudio/types';
import { checkMemoryFit, type FitResult, type MemoryDemand } from '../../../shared/models/memory-fit';
import { effectiveContext, isPinned, planPresetSwitch, type PlanStep, type PresetPlan } from '../../../shared/presets/plan';
import { resolvedPresetModels } from '../../../shared/presets/resolved-preset-models';
import { resolvePreset, type MissingModel, type ResolvedModel, type ResolvedPreset } from '../../../shared/presets/resolve';
import type { Preset } from '../../../shared/presets/schema';
import type { LmStudioCapabilities, LmStudioClient } from '../lmstudio/client-types';
import { lmStudioNotRunningMessage, notLmStudioError } from '../lmstudio/errors';
import { GgufShapeCache } from '../models/gguf-header';
import { executePresetPlan, type BusyModel, type ExecutionOutcome } from './executor';
import { InFlightRegistry } from './in-flight-registry';
import { PresetStore, type SettingsAccess } from './preset-store';

export interface PresetsServiceDeps {
  settings: SettingsAccess;
  client: LmStudioClient;
  /** The latest hardware sample (null when there is none: memory is then checked against RAM or not at all). */
  getSample: () => Promise<HardwareSample | null> | HardwareSample | null;
  inFlight?: InFlightRegistry;
  shapes?: GgufShapeCache;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  busyPollMs?: number;
}

/** Everything known about a switch before it runs. */
export interface PreparedSwitch {
  preset: Preset;
  resolved: ResolvedPreset;
  catalog: CatalogModel[];
  current: LoadedInstance[];
  plan: PresetPlan;
  fit: FitResult;
}

export interface ApplyOptions {
  signal?: AbortSignal;
  /** Called on every step (besides the service's own progress listeners). */
  onProgress?: (progress: PresetProgress) => void;
  /** Asked when a model is still generating after `busyWaitSeconds`: true = unload it anyway. Absent = refuse. */
  confirmBusy?: (busy: BusyModel[]) => Promise<boolean>;
  /** Unload generating models without waiting. */
  force?: boolean;
}

/** How a switch ended, with the plan and the memory verdict. */
export interface ApplyOutcome {
  presetId: string;
  result: 'ok' | 'refused' | 'failed' | 'cancelled';
  /** Refusal/failure reason, or notes on success (models not downloaded); null when there is nothing to say. */
  message: string | null;
  plan: PlanStep[];
  fit: FitResult | null;
  unresolved: MissingModel[];
  execution: ExecutionOutcome | null;
}

type Listener<T> = (value: T) => void;

/** How long local model paths from `lms ls` are reused. */
const PATHS_TTL_MS = 5 * 60_000;

/** The presets service (see the module comment). */
export class PresetsService {
  readonly store: PresetStore;
  readonly inFlight: InFlightRegistry;
  private readonly shapes: GgufShapeCache;
  private readonly progressListeners = new Set<Listener<PresetProgress>>();
  private readonly changedListeners = new Set<Listener<PresetList>>();
  private readonly loadedListeners = new Set<() => void>();
  private applying: { presetId: string; controller: AbortController } | null = null;
  private pathCache: { at: number; paths: Map<string, string> } | null = null;

  constructor(private readonly deps: PresetsServiceDeps) {
    this.store = new PresetStore(deps.settings);
    this.inFlight = deps.inFlight ?? new InFlightRegistry();
    this.shapes = deps.shapes ?? new GgufShapeCache();
  }

  /** Every preset, the active one, the pinned list and the switch in progress. */
  list(): PresetList {
    return { presets: this.store.list(), activePresetId: this.store.activeId(), pinned: this.store.pinned(), applyingPresetId: this.applying?.presetId ?? null };
  }

  /** Receive progress of every switch; returns the unsubscribe function. */
  onProgress(listener: Listener<PresetProgress>): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Receive the preset list whenever presets, the active one or the pinned list change. */
  onChanged(listener: Listener<PresetList>): () => void {
    this.changedListeners.add(listener);
    return () => this.changedListeners.delete(listener);
  }

  /**
   * Called when the loaded models may have changed: at each step of a switch or an unload and when it
   * ends (whatever the result). Caches of LM Studio's state (the router's) forget it here.
   */
  onLoadedChanged(listener: () => void): () => void {
    this.loadedListeners.add(listener);
    return () => this.loadedListeners.delete(listener);
  }

  private loadedChanged(): void {
    for (const l of this.loadedListeners) l();
  }

  private changed<T>(value: T): T {
    const list = this.list();
    for (const l of this.changedListeners) l(list);
    return value;
  }

  save(preset: Preset): Preset {
    return this.changed(this.store.save(preset));
  }
  delete(id: string): boolean {
    return this.changed(this.store.delete(id));
  }
  reorder(ids: string[]): PresetList {
    this.store.reorder(ids);
    return this.changed(this.list());
  }
  duplicate(id: string, newName?: string): Preset {
    return this.changed(this.store.duplicate(id, newName));
  }
  import(json: string, replace = false): ReturnType<PresetStore['import']> {
    return this.changed(this.store.import(json, replace));
  }
  setPinned(pinned: string[]): PresetList {
    this.store.setPinned(pinned);
    return this.changed(this.list());
  }

  /** Read LM Studio's state, resolve, plan and check memory; changes nothing. */
  async prepare(target: string | Preset, signal?: AbortSignal): Promise<PreparedSwitch> {
    const preset = typeof target === 'string' ? this.store.get(target) : target;
    const [catalog, current, paths, sample] = await Promise.all([
      this.deps.client.listModels({ signal }),
      this.deps.client.listLoaded({ signal }),
      this.localPaths(signal),
      this.deps.getSample(),
    ]);
    for (const m of catalog) m.path ??= paths.get(m.key.toLowerCase()) ?? null;
    const pinned = this.store.pinned();
    const catalogByKey = new Map(catalog.map((m) => [m.key, m]));
    const sizeOf = (key: string) => catalogByKey.get(key)?.sizeBytes ?? null;

    // KV shapes from the local GGUF headers of every model involved (read once per file).
    const shapeByKey = new Map<string, Awaited<ReturnType<GgufShapeCache['shapeOf']>>>();
    await Promise.all(catalog.filter((m) => m.path).map(async (m) => shapeByKey.set(m.key, await this.shapes.shapeOf(m.path))));

    const evaluate = (models: ResolvedModel[]) => {
      const plan = planPresetSwitch({ current, desired: models, pinned, exclusive: preset.exclusive, sizeOf });
      const loads: MemoryDemand[] = plan.steps.filter((s) => s.action === 'load').map((s) => ({
        key: s.key, sizeBytes: s.load!.sizeBytes, paramsString: s.load!.paramsString, contextLength: effectiveContext(s.load!) ?? null,
        gpuOffload: s.load!.gpuOffload ?? null, kvShape: shapeByKey.get(s.key) ?? null,
      }));
      const unloads: MemoryDemand[] = plan.steps.filter((s) => s.action === 'unload').map((s) => ({
        key: s.key, sizeBytes: sizeOf(s.key), paramsString: catalogByKey.get(s.key)?.paramsString ?? null,
        contextLength: s.instance?.contextLength ?? null, gpuOffload: s.instance?.gpuOffload ?? null, kvShape: shapeByKey.get(s.key) ?? null,
      }));
      return { plan, fit: checkMemoryFit({ loads, unloads, sample, catalog }) };
    };
    const resolved = resolvePreset(preset, catalog, { fits: (models) => evaluate(models).fit.fits });
    const { plan, fit } = evaluate(resolved.models);
    return { preset, resolved, catalog, current, plan, fit };
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

  /** Dry run in the contract's shape (`presets.plan`). */
  async plan(target: string | Preset): Promise<PresetPlanResult> {
    const prepared = await this.prepare(target);
    return toPlanResult(prepared);
  }

  /** Cancel the running switch; false when none is running. */
  cancel(): boolean {
    if (!this.applying) return false;
    this.applying.controller.abort();
    return true;
  }

  /** Switch to a preset: plan, check memory, run; never unloads before the check passes. */
  async apply(id: string, options: ApplyOptions = {}): Promise<ApplyOutcome> {
    const emit = (progress: PresetProgress) => {
      if (progress.phase !== 'planning' && progress.phase !== 'waiting') this.loadedChanged();
      options.onProgress?.(progress);
      for (const l of this.progressListeners) l(progress);
    };
    const started = (this.deps.now ?? Date.now)();
    const end = (outcome: ApplyOutcome, phase: PresetProgress['phase']): ApplyOutcome => {
      if (!outcome.execution) emit({ presetId: id, phase, step: 0, total: 0, key: null, sizeBytes: null, elapsedMs: (this.deps.now ?? Date.now)() - started, message: outcome.message });
      return outcome;
    };
    if (this.applying) {
      return end({ presetId: id, result: 'refused', message: `A switch to "${this.applying.presetId}" is running; wait for it or cancel it first.`, plan: [], fit: null, unresolved: [], execution: null }, 'refused');
    }
    const controller = new AbortController();
    const relay = () => controller.abort();
    options.signal?.addEventListener('abort', relay, { once: true });
    if (options.signal?.aborted) controller.abort();
    this.applying = { presetId: id, controller };
    this.changed(null);
    try {
      emit({ presetId: id, phase: 'planning', step: 0, total: 0, key: null, sizeBytes: null, elapsedMs: 0, message: null });
      let prepared: PreparedSwitch;
      try {
        prepared = await this.prepare(id, controller.signal);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return end({ presetId: id, result: controller.signal.aborted ? 'cancelled' : 'failed', message, plan: [], fit: null, unresolved: [], execution: null }, 'failed');
      }
      const base = { presetId: id, plan: prepared.plan.steps, fit: prepared.fit, unresolved: prepared.resolved.missing };
      const missingNote = prepared.resolved.missing.map((m) => m.message).join('; ');
      if (prepared.preset.models.length > 0 && prepared.resolved.models.length === 0) {
        return end({ ...base, result: 'refused', message: `None of the models of "${prepared.preset.name}" is downloaded (${missingNote}). Nothing was changed.`, execution: null }, 'refused');
      }
      if (!prepared.fit.fits) return end({ ...base, result: 'refused', message: prepared.fit.refusal, execution: null }, 'refused');

      const lmstudio = this.deps.settings.get().lmstudio;
      const execution = await executePresetPlan(prepared.plan, { client: this.deps.client, inFlight: this.inFlight, now: this.deps.now, sleep: this.deps.sleep, busyPollMs: this.deps.busyPollMs }, {
        presetId: id,
        previous: prepared.current,
        previousIsFresh: true,
        signal: controller.signal,
        onProgress: emit,
        busyWaitMs: lmstudio.busyWaitSeconds * 1000,
        confirmBusy: options.confirmBusy,
        force: options.force,
        restoreOnFailure: lmstudio.restoreOnFailure,
      });
      if (execution.result === 'ok') this.store.setActive(id);
      else if (execution.completed.length && !execution.restored?.ok) this.store.setActive(null);
      const message = execution.result === 'ok' ? (missingNote || null) : execution.message;
      return { ...base, result: execution.result, message, execution };
    } finally {
      options.signal?.removeEventListener('abort', relay);
      this.applying = null;
      this.loadedChanged();
      this.changed(null);
    }
  }

  /**
   * Unload one instance, or every instance (pinned ones only with `includePinned`), through the same
   * executor as a switch: a generating model is waited for, then refused unless confirmed or forced.
   */
  async unload(target: { instanceId: string } | { all: true; includePinned?: boolean }, options: ApplyOptions = {}): Promise<ApplyOutcome> {
    const label = 'instanceId' in target ? `unload ${target.instanceId}` : 'unload all';
    let current: LoadedInstance[];
    try {
      current = await this.deps.client.listLoaded({ signal: options.signal });
    } catch (error) {
      return { presetId: label, result: 'failed', message: error instanceof Error ? error.message : String(error), plan: [], fit: null, unresolved: [], execution: null };
    }
    let plan: PresetPlan;
    if ('instanceId' in target) {
      const instance = current.find((i) => i.instanceId === target.instanceId);
      if (!instance) {
        const loaded = current.map((i) => i.instanceId).join(', ') || 'none';
        return { presetId: label, result: 'refused', message: `No loaded instance "${target.instanceId}" (loaded: ${loaded}). See \`loadout models\`.`, plan: [], fit: null, unresolved: [], execution: null };
      }
      plan = { steps: [{ action: 'unload', key: instance.modelKey, instanceId: instance.instanceId, sizeBytes: null, reason: 'asked for', instance }], counts: { keep: 0, unload: 1, load: 0 } };
    } else {
      plan = planPresetSwitch({ current, desired: [], pinned: target.includePinned ? [] : this.store.pinned(), exclusive: true });
    }
    const lmstudio = this.deps.settings.get().lmstudio;
    const onProgress = (progress: PresetProgress) => {
      if (progress.phase !== 'planning' && progress.phase !== 'waiting') this.loadedChanged();
      options.onProgress?.(progress);
    };
    let execution: ExecutionOutcome;
    try {
      execution = await executePresetPlan(plan, { client: this.deps.client, inFlight: this.inFlight, now: this.deps.now, sleep: this.deps.sleep, busyPollMs: this.deps.busyPollMs }, {
        presetId: label, previous: current, previousIsFresh: true, signal: options.signal, onProgress, busyWaitMs: lmstudio.busyWaitSeconds * 1000,
        confirmBusy: options.confirmBusy, force: options.force, restoreOnFailure: false,
      });
    } finally {
      this.loadedChanged();
    }
    if (execution.completed.length) this.store.setActive(null);
    return { presetId: label, result: execution.result, message: execution.message, plan: plan.steps, fit: null, unresolved: [], execution };
  }

  /** LM Studio's state for `models.list` and `loadout models`: reachable or why not, the API level, catalog and loaded instances. */
  async modelsState(signal?: AbortSignal): Promise<ModelsState & { capabilities: LmStudioCapabilities | null }> {
    const detection = await this.deps.client.detect({ signal });
    if (!detection.running || (detection.authRequired && !detection.authorized)) {
      const where = detection.where ?? detection.baseUrl;
      let message = lmStudioNotRunningMessage(where);
      if (detection.running) message = `LM Studio at ${where} requires an API token. Set LM_API_TOKEN (CLI) or the token in Loadout's settings.`;
      else if (detection.foreign) message = notLmStudioError(where).message;
      return { reachable: false, apiLevel: detection.apiLevel, message, catalog: [], loaded: [], capabilities: null };
    }
    const capabilities = await this.deps.client.capabilities({ signal });
    const catalog = await this.deps.client.listModels({ includePaths: true, signal });
    const loaded = await this.deps.client.listLoaded({ signal });
    const pinned = this.store.pinned();
    const byKey = new Map(catalog.map((m) => [m.key, m]));
    return {
      reachable: true,
      apiLevel: capabilities.apiLevel,
      message: capabilities.limitations.length ? capabilities.limitations.join(' ') : null,
      notices: capabilities.notices,
      catalog,
      loaded: loaded.map((i) => ({ ...i, displayName: byKey.get(i.modelKey)?.displayName ?? null, sizeBytes: byKey.get(i.modelKey)?.sizeBytes ?? null, pinned: isPinned(i, pinned) })),
      capabilities,
    };
  }

  /** The contract's `presets.apply` result for an outcome. */
  toSwitchResult(outcome: ApplyOutcome): PresetSwitchResult {
    const busy = busyRefusal(outcome);
    const fitRefused = outcome.result === 'refused' && outcome.fit && !outcome.fit.fits;
    return { presetId: outcome.presetId, result: outcome.result, plan: toContractSteps(outcome.plan, outcome.fit), message: outcome.message, ...(busy.length ? { busy } : {}), ...(fitRefused ? { fitNotice: outcome.fit!.notice } : {}) };
  }
}

/** The models whose generating stopped this switch or unload (empty unless it was refused for that reason). */
export function busyRefusal(outcome: Pick<ApplyOutcome, 'result' | 'execution'>): ContractBusyModel[] {
  if (outcome.result !== 'refused' || !outcome.execution) return [];
  return outcome.execution.busy.map(({ instanceId, modelKey }) => ({ instanceId, modelKey }));
}

/** Contract plan steps: estimated memory and placement for loads. */
export function toContractSteps(steps: PlanStep[], fit: FitResult | null): ContractPlanStep[] {
  const placements = [...(fit?.placements ?? [])];
  return steps.map((s) => {
    if (s.action !== 'load') return { action: s.action, key: s.key, instanceId: s.instanceId, estimatedBytes: s.sizeBytes, placement: null };
    const at = placements.findIndex((p) => p.estimate.key === s.key);
    const p = at >= 0 ? placements.splice(at, 1)[0]! : null;
    const placement = !p ? null : p.ramBytes === 0 ? 'gpu' : p.gpuBytes === 0 ? 'cpu' : 'split';
    return { action: s.action, key: s.key, instanceId: s.instanceId, estimatedBytes: p?.estimate.totalBytes ?? s.sizeBytes, placement };
  });
}

/** The contract's dry-run result for a prepared switch. */
export function toPlanResult(prepared: PreparedSwitch): PresetPlanResult {
  const { fit } = prepared;
  const sum = (pick: (p: FitResult['placements'][number]) => number) => fit.placements.reduce((s, p) => s + pick(p), 0);
  return {
    presetId: prepared.preset.id,
    plan: toContractSteps(prepared.plan.steps, fit),
    fit: {
      fits: fit.fits,
      vramNeededBytes: fit.mode === 'gpu' ? sum((p) => p.gpuBytes) : null,
      vramFreeBytes: fit.vramAvailableBytes,
      ramNeededBytes: sum((p) => p.ramBytes),
      ramFreeBytes: fit.ramAvailableBytes,
      message: fit.message,
      notice: fit.notice,
    },
    unresolved: prepared.resolved.missing.map((m) => ({ key: m.requested, message: m.message })),
    models: resolvedPresetModels(prepared.resolved),
  };
}
