/**
 * What a transport does for the API client: the contract's transport (call a method by name, listen
 * to an event, in shared/contract/client.ts) plus the connection's state. Two implement it: the
 * Electron preload bridge and a WebSocket to `loadout serve`.
 */
import type { ContractTransport } from '../../../shared/contract/client';

/** The connection's state, for the banner the windows show while the core is unreachable. */
export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface ApiTransport extends ContractTransport {
  /** Follow the connection's state; the IPC bridge is always open. */
  onStatus(listener: (status: ConnectionStatus, reason: string | null) => void): () => void;
  close(): void;
}
