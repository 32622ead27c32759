/**
 * Apply and unload: runs a prepared switch (switch-preparation.ts) through the executor with progress
 * events, one switch at a time (a second one is refused, not queued), never unloading before the memory
 * check passed; and unloads one or every instance through the same executor, so a generating model is
 * waited for rather than cut off.
 */
import type { PresetProgress } from '../../../shared/contract/presets';
import { createEmitter, type ListenerErrorReporter, type TypedEmitter } from '../../../shared/events/typed-emitter';
import type { LoadedInstance } from '../../../shared/lmstudio/types';
import type { FitResult } from '../../../shared/models/memory-fit';
import { planPresetSwitch, type PlanStep, type PresetPlan } from '../../../shared/presets/plan';
import type { MissingModel } from '../../../shared/presets/resolve';
import type { Preset } from '../../../shared/presets/schema';
import { wordSwitchNotice, type SwitchNotice } from '../../../shared/presets/switch-notice';
import { translator } from '../../../shared/i18n/translate';
import type { LmStudioClient } from '../lmstudio/client-types';
import { executePresetPlan, type BusyModel, type ExecutionOutcome, type ExecutorDeps } from './executor';
import type { InFlightRegistry } from './in-flight-registry';
import type { PresetStore, SettingsAccess } from './preset-store';
import type { PreparedSwitch, SwitchPreparation } from './switch-preparation';

export interface ApplyOptions {
  signal?: AbortSignal;
  /** Called on every step (besides the switcher's own progress listeners). */
  onProgress?: (progress: PresetProgress) => void;
  /** Asked when a model is still generating after `busyWaitSeconds`: true = unload it anyway. Absent = refuse. */
  confirmBusy?: (busy: BusyModel[]) => Promise<boolean>;
  /** Unload generating models without waiting. */
  force?: boolean;
  /** The active preset a successful apply records; default the applied preset's id (gaming mode's restored set has none). */
  activeAfter?: string | null;
}

/** How a switch ended, with the plan and the memory verdict. */
/** A switch notice with its English wording, the `message` the CLI prints. */
function told(notice: SwitchNotice): { message: string; notice: SwitchNotice } {
  return { message: wordSwitchNotice(notice, translator('en')), notice };
}

export interface ApplyOutcome {
  presetId: string;
  result: 'ok' | 'refused' | 'failed' | 'cancelled';
  /** Refusal/failure reason, or notes on success (models not downloaded); null when there is nothing to say. */
  message: string | null;
  /** `message` as data where it is a switch notice (a window words it in its language). */
  notice?: SwitchNotice | null;
  plan: PlanStep[];
  fit: FitResult | null;
  unresolved: MissingModel[];
  execution: ExecutionOutcome | null;
}

export interface PresetSwitcherDeps {
  client: Pick<LmStudioClient, 'load' | 'unload' | 'listLoaded'>;
  /** `lmstudio.busyWaitSeconds` and `lmstudio.restoreOnFailure` are read at each switch. */
  settings: Pick<SettingsAccess, 'get'>;
  store: Pick<PresetStore, 'pinned' | 'activeId' | 'setActive'>;
  preparation: Pick<SwitchPreparation, 'prepare'>;
  inFlight: InFlightRegistry;
  now?: () => number;
  sleep?: ExecutorDeps['sleep'];
  busyPollMs?: number;
  /** Where a throwing listener is reported (default: stderr). */
  onListenerError?: ListenerErrorReporter;
}

type SwitcherEvents = {
  progress: PresetProgress;
  /** The loaded models may have changed. */
  loadedChanged: undefined;
  /** A switch started or ended, or the active preset changed. */
  stateChanged: undefined;
};

/** Apply and unload (see the module comment). */
export class PresetSwitcher {
  private readonly events: TypedEmitter<SwitcherEvents>;
  private applying: { presetId: string; controller: AbortController } | null = null;

  constructor(private readonly deps: PresetSwitcherDeps) {
    this.events = createEmitter<SwitcherEvents>(deps.onListenerError);
  }

  /** The preset a switch is running to, or null. */
  applyingPresetId(): string | null {
    return this.applying?.presetId ?? null;
  }

  /** Receive progress of every switch; returns the unsubscribe function. */
  onProgress(listener: (progress: PresetProgress) => void): () => void {
    return this.events.on('progress', listener);
  }

  /**
   * Called when the loaded models may have changed: at each step of a switch or an unload and when it
   * ends (whatever the result). Caches of LM Studio's state (the router's) forget it here.
   */
  onLoadedChanged(listener: () => void): () => void {
    return this.events.on('loadedChanged', listener);
  }

  /** Called when a switch starts or ends, or a switch or unload changed the active preset. */
  onStateChanged(listener: () => void): () => void {
    return this.events.on('stateChanged', listener);
  }

  /** Cancel the running switch; false when none is running. */
  cancel(): boolean {
    if (!this.applying) return false;
    this.applying.controller.abort();
    return true;
  }

  private executorDeps(): ExecutorDeps {
    return {
      client: this.deps.client,
      inFlight: this.deps.inFlight,
      now: this.deps.now,
      sleep: this.deps.sleep,
      busyPollMs: this.deps.busyPollMs,
    };
  }

  /** Progress for this call's own listener and the loaded-models listeners, each isolated from the others. */
  private callProgress(options: ApplyOptions): (progress: PresetProgress) => void {
    const call = createEmitter<{ progress: PresetProgress }>(this.deps.onListenerError);
    if (options.onProgress) call.on('progress', options.onProgress);
    return (progress) => {
      if (progress.phase !== 'planning' && progress.phase !== 'waiting') this.events.emit('loadedChanged', undefined);
      call.emit('progress', progress);
    };
  }

  /** Switch to a preset (by id, or one not in the catalog): plan, check memory, run; never unloads before the check passes. */
  async apply(target: string | Preset, options: ApplyOptions = {}): Promise<ApplyOutcome> {
    const id = typeof target === 'string' ? target : target.id;
    const toCall = this.callProgress(options);
    const emit = (progress: PresetProgress) => {
      toCall(progress);
      this.events.emit('progress', progress);
    };
    const now = this.deps.now ?? Date.now;
    const started = now();
    const end = (outcome: ApplyOutcome, phase: PresetProgress['phase']): ApplyOutcome => {
      if (!outcome.execution)
        emit({
          presetId: id,
          phase,
          step: 0,
          total: 0,
          key: null,
          sizeBytes: null,
          elapsedMs: now() - started,
          message: outcome.message,
          ...(outcome.notice ? { notice: outcome.notice } : {}),
          ...(outcome.result === 'refused' && outcome.fit && !outcome.fit.fits
            ? { fitNotice: outcome.fit.notice }
            : {}),
        });
      return outcome;
    };
    if (this.applying) {
      return end(
        {
          presetId: id,
          result: 'refused',
          ...told({ kind: 'switch-running', preset: this.applying.presetId }),
          plan: [],
          fit: null,
          unresolved: [],
          execution: null,
        },
        'refused',
      );
    }
    const controller = new AbortController();
    const relay = () => controller.abort();
    options.signal?.addEventListener('abort', relay, { once: true });
    if (options.signal?.aborted) controller.abort();
    this.applying = { presetId: id, controller };
    this.events.emit('stateChanged', undefined);
    try {
      emit({
        presetId: id,
        phase: 'planning',
        step: 0,
        total: 0,
        key: null,
        sizeBytes: null,
        elapsedMs: 0,
        message: null,
      });
      let prepared: PreparedSwitch;
      try {
        prepared = await this.deps.preparation.prepare(target, controller.signal);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return end(
          {
            presetId: id,
            result: controller.signal.aborted ? 'cancelled' : 'failed',
            message,
            plan: [],
            fit: null,
            unresolved: [],
            execution: null,
          },
          'failed',
        );
      }
      const base = {
        presetId: id,
        plan: prepared.plan.steps,
        fit: prepared.fit,
        unresolved: prepared.resolved.missing,
      };
      const missingNote = prepared.resolved.missing.map((m) => m.message).join('; ');
      if (prepared.preset.models.length > 0 && prepared.resolved.models.length === 0) {
        return end(
          {
            ...base,
            result: 'refused',
            ...told({ kind: 'none-downloaded', preset: prepared.preset.name, missing: missingNote }),
            execution: null,
          },
          'refused',
        );
      }
      if (!prepared.fit.fits)
        return end({ ...base, result: 'refused', message: prepared.fit.refusal, execution: null }, 'refused');

      const lmstudio = this.deps.settings.get().lmstudio;
      const execution = await executePresetPlan(prepared.plan, this.executorDeps(), {
        presetId: id,
        previous: prepared.current,
        previousIsFresh: true,
        signal: controller.signal,
        onProgress: emit,
        busyWaitMs: lmstudio.busyWaitSeconds * 1000,
        confirmBusy: options.confirmBusy,
        force: options.force,
        restoreOnFailure: lmstudio.restoreOnFailure,
        loadOrder: prepared.loadOrder,
        reportUsable: true,
        startedAt: started,
      });
      if (execution.result === 'ok')
        this.deps.store.setActive(options.activeAfter === undefined ? id : options.activeAfter);
      else if (execution.completed.length && !execution.restored?.ok) this.deps.store.setActive(null);
      if (execution.result === 'ok') return { ...base, result: 'ok', message: missingNote || null, execution };
      return { ...base, result: execution.result, message: execution.message, notice: execution.notice, execution };
    } finally {
      options.signal?.removeEventListener('abort', relay);
      this.applying = null;
      this.events.emit('loadedChanged', undefined);
      this.events.emit('stateChanged', undefined);
    }
  }

  /**
   * Unload one instance, or every instance (pinned ones only with `includePinned`), through the same
   * executor as a switch: a generating model is waited for, then refused unless confirmed or forced.
   */
  async unload(
    target: { instanceId: string } | { all: true; includePinned?: boolean },
    options: ApplyOptions = {},
  ): Promise<ApplyOutcome> {
    const label = 'instanceId' in target ? `unload ${target.instanceId}` : 'unload all';
    let current: LoadedInstance[];
    try {
      current = await this.deps.client.listLoaded({ signal: options.signal });
    } catch (error) {
      return {
        presetId: label,
        result: 'failed',
        message: error instanceof Error ? error.message : String(error),
        plan: [],
        fit: null,
        unresolved: [],
        execution: null,
      };
    }
    let plan: PresetPlan;
    if ('instanceId' in target) {
      const instance = current.find((i) => i.instanceId === target.instanceId);
      if (!instance) {
        const loaded = current.map((i) => i.instanceId).join(', ') || 'none';
        return {
          presetId: label,
          result: 'refused',
          message: `No loaded instance "${target.instanceId}" (loaded: ${loaded}). See \`loadout models\`.`,
          plan: [],
          fit: null,
          unresolved: [],
          execution: null,
        };
      }
      plan = {
        steps: [
          {
            action: 'unload',
            key: instance.modelKey,
            instanceId: instance.instanceId,
            sizeBytes: null,
            reason: 'asked for',
            instance,
          },
        ],
        counts: { keep: 0, unload: 1, load: 0 },
      };
    } else {
      plan = planPresetSwitch({
        current,
        desired: [],
        pinned: target.includePinned ? [] : this.deps.store.pinned(),
        exclusive: true,
      });
    }
    const lmstudio = this.deps.settings.get().lmstudio;
    let execution: ExecutionOutcome;
    try {
      execution = await executePresetPlan(plan, this.executorDeps(), {
        presetId: label,
        previous: current,
        previousIsFresh: true,
        signal: options.signal,
        onProgress: this.callProgress(options),
        busyWaitMs: lmstudio.busyWaitSeconds * 1000,
        confirmBusy: options.confirmBusy,
        force: options.force,
        restoreOnFailure: false,
      });
    } finally {
      this.events.emit('loadedChanged', undefined);
    }
    // The loaded set is no longer the active preset's: the tray and the windows stop showing it as active.
    if (execution.completed.length && this.deps.store.activeId() !== null) {
      this.deps.store.setActive(null);
      this.events.emit('stateChanged', undefined);
    }
    return {
      presetId: label,
      result: execution.result,
      message: execution.message,
      notice: execution.notice,
      plan: plan.steps,
      fit: null,
      unresolved: [],
      execution,
    };
  }
}
