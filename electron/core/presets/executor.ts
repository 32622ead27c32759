/**
 * Runs a preset plan against LM Studio: waits for generating models first (never unloads one mid
 * answer), then unloads and loads step by step with progress events, stops at the first failure with
 * LM Studio's own message, optionally restores the previous set, and honours cancellation between
 * and during steps. The plan itself comes from `shared/presets/plan.ts`; the memory check has
 * already passed when this runs.
 */
import type { PresetProgress } from '../../../shared/contract/presets';
import type { LoadedInstance } from '../../../shared/lmstudio/types';
import { planPresetSwitch, type PlanStep, type PresetPlan } from '../../../shared/presets/plan';
import type { ResolvedModel } from '../../../shared/presets/resolve';
import {
  wordAfterFailure,
  wordSwitchNotice,
  type AfterFailure,
  type SwitchNotice,
} from '../../../shared/presets/switch-notice';
import { translator } from '../../../shared/i18n/translate';
import { isLmStudioError, type LmStudioClient, type LoadRequest } from '../lmstudio/client-types';
import type { AnswerElsewhere, InFlightRegistry } from './in-flight-registry';
import type { ScheduledLoad } from './switch-overlap';

/** A model that is answering a request when a switch wants to unload it. */
export interface BusyModel {
  instanceId: string;
  modelKey: string;
  /** Who says it is busy: LM Studio (`lms ps`) or Loadout's own requests. */
  source: 'lm-studio' | 'loadout';
  /** Set when another Loadout process (another terminal) is the one answering: which (its in_flight row). */
  elsewhere?: AnswerElsewhere;
}

export interface ExecutorDeps {
  client: Pick<LmStudioClient, 'load' | 'unload' | 'listLoaded'>;
  inFlight: InFlightRegistry;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** How often the busy wait looks again (ms); default 500. */
  busyPollMs?: number;
}

export interface ExecuteOptions {
  presetId: string;
  /** The instances loaded before the switch (what a restore puts back). */
  previous: LoadedInstance[];
  /** `previous` was read from LM Studio just now (with statuses): the busy check starts from it instead of asking again. */
  previousIsFresh?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: PresetProgress) => void;
  /** How long to wait for generating models to finish (ms). */
  busyWaitMs: number;
  /** Asked when models are still busy after the wait: true = unload them anyway. Absent = refuse. */
  confirmBusy?: (busy: BusyModel[]) => Promise<boolean>;
  /** Unload busy models without waiting or asking. */
  force?: boolean;
  /** Put the previous set back when a step fails (settings.lmstudio.restoreOnFailure). */
  restoreOnFailure: boolean;
  /** The loads in the order they run and the unloads each waits for (switch-overlap.ts); default: after every unload. */
  loadOrder?: ScheduledLoad[];
  /**
   * Report when the preset can first answer (`usableAfterMs`): at once when one of its models is kept
   * (already loaded with its settings), else when its first load is done. Off for plain unloads.
   */
  reportUsable?: boolean;
  /** When the switch began (before its preparation), for `usableAfterMs`; default when this runs. */
  startedAt?: number;
}

export interface ExecutionOutcome {
  result: 'ok' | 'refused' | 'failed' | 'cancelled';
  /** Null on success; otherwise what happened and what to do. */
  message: string | null;
  /** Steps that ran to completion (unloads and loads). */
  completed: PlanStep[];
  /** The failing step, 1-based among the actions, with LM Studio's own words. */
  failure: { step: number; total: number; planStep: PlanStep; lmStudioMessage: string | null } | null;
  /** `message` as data where it is a switch notice (a window words it in its language). */
  notice?: SwitchNotice | null;
  /** When a restore ran: whether it put everything back. */
  restored: { ok: boolean; message: string } | null;
  busy: BusyModel[];
  /** Ms from `startedAt` until one of the preset's models could answer; null when none could (or not asked). */
  usableAfterMs?: number | null;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Which of the instances the plan unloads are generating now (LM Studio's status or Loadout's counter). */
export function findBusy(unloads: PlanStep[], live: LoadedInstance[], inFlight: InFlightRegistry): BusyModel[] {
  const busy: BusyModel[] = [];
  for (const step of unloads) {
    const id = step.instanceId ?? step.key;
    const now = live.find((i) => i.instanceId === id);
    if (!now) continue;
    if (now.status === 'generating') busy.push({ instanceId: id, modelKey: now.modelKey, source: 'lm-studio' });
    else if (inFlight.isBusy(now)) {
      const elsewhere = inFlight.busyElsewhere(now)[0];
      busy.push({ instanceId: id, modelKey: now.modelKey, source: 'loadout', ...(elsewhere ? { elsewhere } : {}) });
    }
  }
  return busy;
}

/** The load request for a resolved model (only the settings the preset asks for). */
export function toLoadRequest(model: ResolvedModel): LoadRequest {
  const request: LoadRequest = { key: model.key };
  if (model.contextLength !== undefined) request.contextLength = model.contextLength;
  if (model.gpuOffload !== undefined) request.gpuOffload = model.gpuOffload;
  if (model.ttlSeconds !== undefined) request.ttlSeconds = model.ttlSeconds;
  if (model.identifier !== undefined) request.identifier = model.identifier;
  return request;
}

/** A loaded instance as something to load again (for a restore): its key and the settings LM Studio reported. */
export function instanceAsModel(instance: LoadedInstance): ResolvedModel {
  const model: ResolvedModel = {
    key: instance.modelKey,
    requested: instance.modelKey,
    sizeBytes: null,
    paramsString: null,
    quantization: null,
    path: null,
  };
  if (instance.contextLength !== null) model.contextLength = instance.contextLength;
  if (instance.gpuOffload !== null) model.gpuOffload = instance.gpuOffload;
  if (instance.ttlSeconds !== null) model.ttlSeconds = instance.ttlSeconds;
  // LM Studio names a plain load "key" or "key:N"; anything else was an explicit identifier worth keeping.
  const automatic =
    instance.instanceId === instance.modelKey ||
    new RegExp(`^${escapeRegExp(instance.modelKey)}:\\d+$`).test(instance.instanceId);
  if (!automatic) model.identifier = instance.instanceId;
  return model;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function errorText(error: unknown): { message: string; lmStudioMessage: string | null; aborted: boolean } {
  if (isLmStudioError(error))
    return { message: error.message, lmStudioMessage: error.lmStudioMessage, aborted: error.code === 'aborted' };
  const message = error instanceof Error ? error.message : String(error);
  return { message, lmStudioMessage: null, aborted: error instanceof Error && error.name === 'AbortError' };
}

/** The refusal for models still generating after the wait, as a notice (the CLI prints its English wording). */
function busyNotice(busy: BusyModel[], waitedMs: number): SwitchNotice {
  return {
    kind: 'models-busy',
    waitedSeconds: Math.round(waitedMs / 1000),
    // Neutral about the remedy in its wording: the CLI adds "--force", the app offers an "Unload anyway" button.
    models: busy.map((b) => ({
      instanceId: b.instanceId,
      answering: b.elsewhere
        ? { kind: 'elsewhere' as const, origin: b.elsewhere.origin, pid: b.elsewhere.pid }
        : { kind: b.source },
    })),
  };
}

/** Run `plan`: busy wait, then unloads and loads in order; see the module comment. */
export async function executePresetPlan(
  plan: PresetPlan,
  deps: ExecutorDeps,
  options: ExecuteOptions,
): Promise<ExecutionOutcome> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  // Elapsed times and `usableAfterMs` share one origin, so "done in" is never shorter than "usable after".
  const started = options.startedAt ?? now();
  const actions = plan.steps.filter((s) => s.action !== 'keep');
  // Set once one of the preset's models can answer (step 2); every later event carries it.
  let usableAfterMs: number | null = null;
  const usableAt = () => usableAfterMs;
  const total = actions.length;
  const emit = (
    phase: PresetProgress['phase'],
    step: number,
    planStep: PlanStep | null,
    message: string | null,
    busy?: BusyModel[],
    notice?: SwitchNotice | null,
  ) =>
    options.onProgress?.({
      presetId: options.presetId,
      phase,
      step,
      total,
      key: planStep?.key ?? null,
      sizeBytes: planStep?.sizeBytes ?? null,
      elapsedMs: now() - started,
      message,
      ...(notice ? { notice } : {}),
      ...(busy?.length ? { busy: busy.map(({ instanceId, modelKey }) => ({ instanceId, modelKey })) } : {}),
      ...(usableAt() !== null ? { usableAfterMs: usableAt()! } : {}),
    });
  // A notice is worded in English for `message` (the CLI's text) and sent as data for the windows.
  const outcome = (
    result: ExecutionOutcome['result'],
    said: string | SwitchNotice | null,
    extra: Partial<ExecutionOutcome> = {},
  ): ExecutionOutcome => {
    const notice = said !== null && typeof said === 'object' ? said : null;
    const message = notice ? wordSwitchNotice(notice, translator('en')) : (said as string | null);
    emit(
      result === 'ok' ? 'done' : result,
      result === 'ok' ? total : 0,
      null,
      message,
      result === 'refused' ? extra.busy : undefined,
      notice,
    );
    return {
      result,
      message,
      notice,
      completed: [],
      failure: null,
      restored: null,
      busy: [],
      usableAfterMs: null,
      ...extra,
    };
  };

  // 1. Never unload a model that is answering: wait, then ask (or refuse), before touching anything.
  const unloads = actions.filter((s) => s.action === 'unload');
  let busy: BusyModel[] = [];
  if (unloads.length && !options.force) {
    const waitStart = now();
    let first = true;
    for (;;) {
      if (options.signal?.aborted) return outcome('cancelled', { kind: 'cancelled-before' });
      let live: LoadedInstance[];
      try {
        // The first look reuses the state the plan was made from (read just before); later ones ask again.
        live =
          first && options.previousIsFresh
            ? options.previous
            : await deps.client.listLoaded({ signal: options.signal });
        first = false;
      } catch (error) {
        const e = errorText(error);
        if (e.aborted) return outcome('cancelled', { kind: 'cancelled-before' });
        return outcome('failed', { kind: 'read-failed', detail: e.message });
      }
      busy = findBusy(unloads, live, deps.inFlight);
      if (!busy.length) break;
      const waited = now() - waitStart;
      if (waited >= options.busyWaitMs) {
        const unloadAnyway = options.confirmBusy ? await options.confirmBusy(busy) : false;
        if (!unloadAnyway) return outcome('refused', busyNotice(busy, waited), { busy });
        break;
      }
      emit('waiting', 0, null, `Waiting for ${busy.map((b) => b.instanceId).join(', ')} to finish generating…`);
      await sleep(Math.min(deps.busyPollMs ?? 500, Math.max(1, options.busyWaitMs - waited)), options.signal);
    }
  }

  // 2. Two lanes: unloads one after another, loads one after another; a load starts once the unloads it
  // needs (`loadOrder`, switch-overlap.ts) are done. Without `loadOrder`, every load waits for every unload.
  const order: ScheduledLoad[] =
    options.loadOrder ??
    actions.filter((s) => s.action === 'load').map((step) => ({ step, afterUnloads: unloads.length }));
  const completed: PlanStep[] = [];
  let started_ = 0;
  const markUsable = (step: PlanStep | null) => {
    if (usableAfterMs !== null) return;
    usableAfterMs = Math.max(0, now() - started);
    // A kept instance answers already: the next event carries the figure. A load says so at once.
    if (step?.action !== 'load') return;
    options.onProgress?.({
      presetId: options.presetId,
      phase: 'loading',
      step: started_,
      total,
      key: step.key,
      sizeBytes: step.sizeBytes,
      elapsedMs: now() - started,
      message: `${step.key} is ready; the preset can answer.`,
      usableAfterMs,
    });
  };
  const keptForPreset = plan.steps.find((s) => s.action === 'keep' && s.reasonCode === 'alreadyLoaded');
  if (options.reportUsable && keptForPreset) markUsable(keptForPreset);
  let unloadsDone = 0;
  type Stop =
    | { kind: 'cancelled'; during: { index: number; step: PlanStep } | null }
    | { kind: 'failed'; index: number; step: PlanStep; error: ReturnType<typeof errorText> }
    | null;
  let stop = null as Stop | null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const onAbort = () => notify();
  options.signal?.addEventListener('abort', onAbort);
  const runStep = async (step: PlanStep): Promise<void> => {
    if (stop) return;
    if (options.signal?.aborted) {
      stop = { kind: 'cancelled', during: null };
      return notify();
    }
    const index = ++started_;
    emit(step.action === 'unload' ? 'unloading' : 'loading', index, step, null);
    try {
      if (step.action === 'unload') {
        await deps.client.unload(step.instanceId ?? step.key, { signal: options.signal });
        completed.push(step);
        unloadsDone++;
      } else {
        const loaded = await deps.client.load(toLoadRequest(step.load!), { signal: options.signal });
        // The id LM Studio gave the new instance ("key", "key:2", or the identifier asked for).
        completed.push({ ...step, instanceId: loaded.instance.instanceId });
        if (options.reportUsable) markUsable(step);
      }
    } catch (error) {
      const e = errorText(error);
      if (!stop)
        stop =
          e.aborted || options.signal?.aborted
            ? { kind: 'cancelled', during: { index, step } }
            : { kind: 'failed', index, step, error: e };
    }
    notify();
  };
  const unloadLane = async () => {
    for (const step of unloads) await runStep(step);
  };
  const loadLane = async () => {
    for (const { step, afterUnloads } of order) {
      while (!stop && !options.signal?.aborted && unloadsDone < afterUnloads)
        await new Promise<void>((resolve) => {
          const previous = wake;
          wake = () => {
            previous?.();
            resolve();
          };
        });
      await runStep(step);
    }
  };
  try {
    await Promise.all([unloadLane(), loadLane()]);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  const extra = { completed, busy, usableAfterMs };
  const ended = stop;
  if (ended?.kind === 'cancelled') {
    const notice: SwitchNotice = ended.during
      ? {
          kind: 'cancelled-during',
          step: ended.during.index,
          total,
          action: ended.during.step.action === 'unload' ? 'unload' : 'load',
          key: ended.during.step.key,
        }
      : { kind: 'cancelled-after', done: completed.length, total };
    return outcome('cancelled', notice, extra);
  }
  if (ended?.kind === 'failed') {
    const { index, step, error: e } = ended;
    const failure = { step: index, total, planStep: step, lmStudioMessage: e.lmStudioMessage };
    let restored: ExecutionOutcome['restored'] = null;
    let after: AfterFailure;
    if (options.restoreOnFailure && completed.length) {
      const back = await restorePrevious(options.previous, deps);
      restored = { ok: back.ok, message: back.message };
      after = back.after;
    } else if (completed.length) {
      after = { kind: 'steps-stay', count: completed.length };
    } else {
      after = { kind: 'nothing-changed' };
    }
    const notice: SwitchNotice = {
      kind: 'step-failed',
      step: index,
      total,
      action: step.action === 'unload' ? 'unload' : 'load',
      target: step.instanceId ?? step.key,
      detail: e.message,
      lmStudio: e.lmStudioMessage && !e.message.includes(e.lmStudioMessage) ? e.lmStudioMessage : null,
      after,
    };
    return outcome('failed', notice, { ...extra, failure, restored });
  }
  return outcome('ok', null, extra);
}

/** Put back the set that was loaded before a failed switch (best effort; reports what it could not). */
export async function restorePrevious(
  previous: LoadedInstance[],
  deps: Pick<ExecutorDeps, 'client'>,
): Promise<{ ok: boolean; message: string; after: AfterFailure }> {
  const told = (after: AfterFailure) => ({
    ok: after.kind === 'restored',
    message: wordAfterFailure(after, translator('en')),
    after,
  });
  try {
    const current = await deps.client.listLoaded();
    const plan = planPresetSwitch({ current, desired: previous.map(instanceAsModel), pinned: [], exclusive: true });
    const failures: string[] = [];
    for (const step of plan.steps) {
      try {
        if (step.action === 'unload') await deps.client.unload(step.instanceId ?? step.key);
        else if (step.action === 'load') await deps.client.load(toLoadRequest(step.load!));
      } catch (error) {
        failures.push(`${step.action} ${step.instanceId ?? step.key}: ${errorText(error).message}`);
      }
    }
    return told(failures.length ? { kind: 'restore-incomplete', failures } : { kind: 'restored' });
  } catch (error) {
    return told({ kind: 'restore-failed', detail: errorText(error).message });
  }
}
