/** Create the renderer store from its slices (zustand's slices pattern). */
import { create } from 'zustand';
import type { ApiClient } from '../api/api-client';
import { SampleHistory } from './sample-history';
import type { AppState, StoreDeps } from './app-state';
import { createBenchmarksSlice } from './benchmarks-slice';
import { createChatHistorySlice } from './chat-history-slice';
import { createChatRouteSlice } from './chat-route-slice';
import { createChatSlice } from './chat-slice';
import { createConnectionSlice } from './connection-slice';
import { createDatabaseSlice } from './database-slice';
import { createEnergySlice } from './energy-slice';
import { createFleetSlice } from './fleet-slice';
import { createHardwareSlice } from './hardware-slice';
import { createModelsSlice } from './models-slice';
import { createPresetsSlice } from './presets-slice';
import { createSettingsSlice } from './settings-slice';

/** Build one store over an API client; `history` holds the chart data outside React. */
export function createAppStore(api: ApiClient, options: { history?: SampleHistory; now?: () => number } = {}) {
  const deps: StoreDeps = {
    api,
    history: options.history ?? new SampleHistory(),
    now: options.now ?? Date.now,
    pendingDeltas: [],
    pendingDone: [],
  };
  const useStore = create<AppState>()((...a) => ({
    ...createHardwareSlice(deps)(...a),
    ...createModelsSlice(deps)(...a),
    ...createPresetsSlice(deps)(...a),
    ...createEnergySlice(deps)(...a),
    ...createSettingsSlice(deps)(...a),
    ...createChatSlice(deps)(...a),
    ...createChatRouteSlice(deps)(...a),
    ...createChatHistorySlice(deps)(...a),
    ...createConnectionSlice()(...a),
    ...createDatabaseSlice(deps)(...a),
    ...createBenchmarksSlice(deps)(...a),
    ...createFleetSlice(deps)(...a),
  }));
  return { useStore, history: deps.history, api };
}

export type AppStore = ReturnType<typeof createAppStore>;
