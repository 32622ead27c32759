/** Connection slice: whether the core is reachable, for the banner every window shows when it is not. */
import type { StateCreator } from 'zustand';
import type { ConnectionStatus } from '../api/api-client';
import type { AppState } from './app-state';

export interface ConnectionSlice {
  connection: ConnectionStatus;
  connectionReason: string | null;
  setConnection(status: ConnectionStatus, reason: string | null): void;
}

/** Build the connection slice. */
export function createConnectionSlice(): StateCreator<AppState, [], [], ConnectionSlice> {
  return (set) => ({
    connection: 'connecting',
    connectionReason: null,
    setConnection(connection, connectionReason) {
      set({ connection, connectionReason });
    },
  });
}
