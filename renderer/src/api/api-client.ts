/**
 * The renderer's API client: the contract's typed client (every method by name, returning the
 * response envelope whose errors are values the UI shows, and typed events), plus the connection
 * state and the two window actions (hide, open a link) that depend on where the UI runs.
 * Components get it through the store.
 */
import { createContractClient, type ContractClient } from '../../../shared/contract/client';
import type { ApiTransport, ConnectionStatus } from './transport';

export type { ConnectionStatus };

export interface ApiClient extends ContractClient {
  onStatus(listener: (status: ConnectionStatus, reason: string | null) => void): () => void;
  /** Open an http(s) link outside the app; anything else is refused (returns false). */
  openExternal(url: string): boolean;
  /** Hide this window (the quick chat's Esc); in a browser tab it blurs instead. */
  hideWindow(): void;
}

/** Where the window actions go: the preload's extras in Electron, the browser's window otherwise. */
export interface WindowActions {
  openUrl(url: string): void;
  hide(): void;
}

/** True for absolute http(s) URLs only. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Build the typed client over a transport. */
export function createApiClient(transport: ApiTransport, actions: WindowActions): ApiClient {
  return {
    ...createContractClient(transport),
    onStatus: (listener) => transport.onStatus(listener),
    openExternal(url) {
      if (!isSafeExternalUrl(url)) return false;
      actions.openUrl(url);
      return true;
    },
    hideWindow: () => actions.hide(),
  };
}
