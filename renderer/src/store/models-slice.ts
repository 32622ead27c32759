/** Models slice: LM Studio's reachability, catalog and loaded instances. */
import type { StateCreator } from 'zustand';
import type { ModelsState } from '../../../shared/contract/models';
import type { AppState, StoreDeps } from './app-state';

export interface ModelsSlice {
  models: ModelsState | null;
  modelsError: string | null;
  /** Replace the models state (from `models.list` or the `models.changed` event). */
  receiveModels(state: ModelsState): void;
  loadModels(): Promise<void>;
  unloadModel(instanceId: string): Promise<void>;
  /** Unload every loaded model except the pinned ones. */
  unloadAllModels(): Promise<void>;
}

/** Build the models slice. */
export function createModelsSlice(deps: StoreDeps): StateCreator<AppState, [], [], ModelsSlice> {
  return (set, get) => ({
    models: null,
    modelsError: null,
    receiveModels(state) {
      set({ models: state, modelsError: null });
      // The quick chat's model chip follows what is loaded.
      void get().refreshRoute();
    },
    async loadModels() {
      const r = await deps.api.call('models.list', undefined);
      if (r.ok) get().receiveModels(r.result);
      else set({ modelsError: r.error.message });
    },
    async unloadModel(instanceId) {
      const r = await deps.api.call('models.unload', { instanceId });
      await get().loadModels();
      if (!r.ok) set({ modelsError: r.error.message });
    },
    async unloadAllModels() {
      const r = await deps.api.call('models.unloadAll', undefined);
      await get().loadModels();
      if (!r.ok) set({ modelsError: r.error.message });
    },
  });
}
