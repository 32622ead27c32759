/**
 * What a transport does for the API client: call a contract method by name, and listen to a
 * contract event. Two implement it: the Electron preload bridge and a WebSocket to `loadout serve`.
 */
import type { ApiResponse } from '../../../shared/contract/errors';

/** The connection's state, for the banner the windows show while the core is unreachable. */
export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface ApiTransport {
  /** Call one method; never rejects: failures come back as `{ ok: false, error }`. */
  invoke(method: string, input: unknown): Promise<ApiResponse<unknown>>;
  /** Listen to one event; returns the unsubscribe. */
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Follow the connection's state; the IPC bridge is always open. */
  onStatus(listener: (status: ConnectionStatus, reason: string | null) => void): () => void;
  close(): void;
}
