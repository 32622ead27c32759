/**
 * The presets service: what the tray, the windows, `loadout serve` and the CLI call to list, edit,
 * prepare, apply and unload presets. It only wires its three parts together and keeps one entry point:
 * the catalog (preset-catalog.ts), switch preparation (switch-preparation.ts: live state, plan, memory
 * fit, changing nothing) and apply/unload (preset-switcher.ts, running the plan through executor.ts).
 * The contract's shapes of its answers are made in the API room (core/api/presets-mapping.ts).
 */
import type { PresetList, PresetProgress } from '../../../shared/contract/presets';
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { ListenerErrorReporter } from '../../../shared/events/typed-emitter';
import type { Preset } from '../../../shared/presets/schema';
import type { LmStudioClient } from '../lmstudio/client-types';
import type { GgufShapeCache } from '../models/gguf-header';
import type { ExecutorDeps } from './executor';
import { InFlightRegistry } from './in-flight-registry';
import { PresetCatalog } from './preset-catalog';
import type { PresetStore, SettingsAccess } from './preset-store';
import { PresetSwitcher, type ApplyOptions, type ApplyOutcome } from './preset-switcher';
import { SwitchPreparation, type PreparedSwitch } from './switch-preparation';

export type { ApplyOptions, ApplyOutcome } from './preset-switcher';
export type { PreparedSwitch } from './switch-preparation';

export interface PresetsServiceDeps {
  settings: SettingsAccess;
  client: LmStudioClient;
  /** The latest hardware sample (null when there is none: memory is then checked against RAM or not at all). */
  getSample: () => Promise<HardwareSample | null> | HardwareSample | null;
  inFlight?: InFlightRegistry;
  shapes?: GgufShapeCache;
  now?: () => number;
  sleep?: ExecutorDeps['sleep'];
  busyPollMs?: number;
  /** Where a progress, change or loaded-models listener that throws is reported (default: stderr). */
  onListenerError?: ListenerErrorReporter;
}

/** The presets service (see the module comment). */
export class PresetsService {
  readonly catalog: PresetCatalog;
  readonly preparation: SwitchPreparation;
  readonly switcher: PresetSwitcher;
  readonly inFlight: InFlightRegistry;

  constructor(deps: PresetsServiceDeps) {
    const { settings, client, now, onListenerError } = deps;
    this.inFlight = deps.inFlight ?? new InFlightRegistry();
    this.catalog = new PresetCatalog(settings, {
      applyingPresetId: () => this.switcher.applyingPresetId(),
      onListenerError,
    });
    const store = this.catalog.store;
    this.preparation = new SwitchPreparation({ client, store, getSample: deps.getSample, shapes: deps.shapes, now });
    this.switcher = new PresetSwitcher({
      client,
      settings,
      store,
      preparation: this.preparation,
      inFlight: this.inFlight,
      now,
      sleep: deps.sleep,
      busyPollMs: deps.busyPollMs,
      onListenerError,
    });
    this.switcher.onStateChanged(() => this.catalog.announce());
  }

  get store(): PresetStore {
    return this.catalog.store;
  }

  /** Every preset, the active one, the pinned list and the switch in progress. */
  list(): PresetList {
    return this.catalog.list();
  }
  /** Receive the preset list whenever presets, the active one, the pinned list or the running switch change. */
  onChanged(listener: (list: PresetList) => void): () => void {
    return this.catalog.onChanged(listener);
  }
  save(preset: Preset): Preset {
    return this.catalog.save(preset);
  }
  delete(id: string): boolean {
    return this.catalog.delete(id);
  }
  reorder(ids: string[]): PresetList {
    return this.catalog.reorder(ids);
  }
  duplicate(id: string, newName?: string): Preset {
    return this.catalog.duplicate(id, newName);
  }
  import(json: string, replace = false): ReturnType<PresetStore['import']> {
    return this.catalog.import(json, replace);
  }
  setPinned(pinned: string[]): PresetList {
    return this.catalog.setPinned(pinned);
  }

  /** Read LM Studio's state, resolve, plan and check memory; changes nothing (a dry run). */
  prepare(target: string | Preset, signal?: AbortSignal): Promise<PreparedSwitch> {
    return this.preparation.prepare(target, signal);
  }

  /** Receive progress of every switch; returns the unsubscribe function. */
  onProgress(listener: (progress: PresetProgress) => void): () => void {
    return this.switcher.onProgress(listener);
  }
  /** Called when the loaded models may have changed (each step of a switch or an unload, and its end). */
  onLoadedChanged(listener: () => void): () => void {
    return this.switcher.onLoadedChanged(listener);
  }
  /** Switch to a preset (by id, or a set not in the catalog): plan, check memory, run; never unloads before the check passes. */
  apply(target: string | Preset, options?: ApplyOptions): Promise<ApplyOutcome> {
    return this.switcher.apply(target, options);
  }
  /** Unload one instance or every one (pinned ones only with `includePinned`), waiting for generating models. */
  unload(target: Parameters<PresetSwitcher['unload']>[0], options?: ApplyOptions): Promise<ApplyOutcome> {
    return this.switcher.unload(target, options);
  }
  /** Cancel the running switch; false when none is running. */
  cancel(): boolean {
    return this.switcher.cancel();
  }
}
