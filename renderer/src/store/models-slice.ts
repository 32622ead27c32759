/**
 * Models slice: LM Studio's reachability, catalog and loaded instances, and unloading them. An unload
 * that meets a generating model is kept as `unloadBusy` until the person answers "Unload anyway" or Cancel.
 */
import type { StateCreator } from 'zustand';
import type { BusyModel, ModelsState } from '../../../shared/contract/models';
import type { SwitchNotice } from '../../../shared/presets/switch-notice';
import type { ModelsCallFailure } from '../../../shared/models/models-call-failure';
import type { AppState, StoreDeps } from './app-state';

export interface ModelsSlice {
  models: ModelsState | null;
  /** A `models.*` call that failed outright, as data (a window words it in its language). */
  modelsError: ModelsCallFailure | null;
  /** Replace the models state (from `models.list` or the `models.changed` event). */
  receiveModels(state: ModelsState): void;
  loadModels(): Promise<void>;
  /** The unload waiting for an answer: what it was (one instance, or all when null) and which models are generating. */
  unloadBusy: { instanceId: string | null; busy: BusyModel[]; notice?: SwitchNotice } | null;
  /** Unload one instance; `force` cuts off an answer it is generating. */
  unloadModel(instanceId: string, force?: boolean): Promise<void>;
  /** Unload every loaded model except the pinned ones; `force` as above. */
  unloadAllModels(force?: boolean): Promise<void>;
  /** Drop the pending busy question (Cancel). */
  dismissUnloadBusy(): void;
}

/** Build the models slice. */
export function createModelsSlice(deps: StoreDeps): StateCreator<AppState, [], [], ModelsSlice> {
  return (set, get) => ({
    models: null,
    modelsError: null,
    unloadBusy: null,
    receiveModels(state) {
      set({ models: state, modelsError: null });
      // The quick chat's model chip follows what is loaded.
      void get().refreshRoute();
    },
    async loadModels() {
      const r = await deps.api.call('models.list', undefined);
      if (r.ok) get().receiveModels(r.result);
      else set({ modelsError: { call: 'list', detail: r.error.message } });
    },
    async unloadModel(instanceId, force) {
      set({ unloadBusy: null });
      const r = await deps.api.call('models.unload', force ? { instanceId, force } : { instanceId });
      await get().loadModels();
      if (!r.ok) set({ modelsError: { call: 'unload', detail: r.error.message } });
      else if (r.result.busy?.length)
        set({
          unloadBusy: { instanceId, busy: r.result.busy, ...(r.result.notice ? { notice: r.result.notice } : {}) },
        });
    },
    async unloadAllModels(force) {
      set({ unloadBusy: null });
      const r = await deps.api.call('models.unloadAll', force ? { includePinned: false, force } : undefined);
      await get().loadModels();
      if (!r.ok) set({ modelsError: { call: 'unload-all', detail: r.error.message } });
      else if (r.result.busy?.length)
        set({
          unloadBusy: {
            instanceId: null,
            busy: r.result.busy,
            ...(r.result.notice ? { notice: r.result.notice } : {}),
          },
        });
    },
    dismissUnloadBusy() {
      set({ unloadBusy: null });
    },
  });
}
