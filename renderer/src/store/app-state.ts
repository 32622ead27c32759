/** The renderer's one store: its state type (every slice) and what the slices depend on. */
import type { ApiClient } from '../api/api-client';
import type { ChatDelta, ChatDone } from '../../../shared/contract/chat';
import type { SampleHistory } from './sample-history';
import type { BenchmarksSlice } from './benchmarks-slice';
import type { ChatHistorySlice } from './chat-history-slice';
import type { ChatRouteSlice } from './chat-route-slice';
import type { ChatSlice } from './chat-slice';
import type { ConnectionSlice } from './connection-slice';
import type { DatabaseSlice } from './database-slice';
import type { EnergySlice } from './energy-slice';
import type { FleetSlice } from './fleet-slice';
import type { HardwareSlice } from './hardware-slice';
import type { ModelsSlice } from './models-slice';
import type { PresetsSlice } from './presets-slice';
import type { SettingsSlice } from './settings-slice';

export type AppState = HardwareSlice &
  ModelsSlice &
  PresetsSlice &
  EnergySlice &
  SettingsSlice &
  ChatSlice &
  ChatRouteSlice &
  ChatHistorySlice &
  ConnectionSlice &
  DatabaseSlice &
  BenchmarksSlice &
  FleetSlice;

/** Capabilities the slices use, injected so tests pass a fake API and clock. */
export interface StoreDeps {
  api: ApiClient;
  history: SampleHistory;
  now: () => number;
  /** Chat deltas that arrived before `chat.send` answered with their request id. */
  pendingDeltas: ChatDelta[];
  pendingDone: ChatDone[];
}
