/**
 * A Node client of a running Loadout's app API: the same contract and WebSocket (`/api/ws`) the
 * browser uses, on loopback, with the per-run token of the announce file. The CLI works through it,
 * and so will `loadout mcp`: typed calls (`client.call('presets.apply', { id })`) and events (`client.on`).
 */
import { WS_API_PATH, type ContractClient } from '../../../shared/contract';
import { openContractSocket } from './contract-socket';
import type { RunningAnnounce } from './running-announce';

export interface AttachedCore {
  announce: RunningAnnounce;
  client: ContractClient;
  /** Resolves when the connection ends, by either side. */
  closed: Promise<void>;
  close(): Promise<void>;
}

/** The running process answered but refused this client (a wrong token, a Host it does not accept). */
export class AttachRefusedError extends Error {
  constructor(
    readonly status: number,
    announce: RunningAnnounce,
    body: string,
  ) {
    super(
      `The running Loadout (${announce.face}, pid ${announce.pid}) refused this command (HTTP ${status}${body ? `: ${body}` : ''}). Run it with --standalone to work without it, or restart that Loadout.`,
    );
    this.name = 'AttachRefusedError';
  }
}

/** Connect to the process an announce file names; rejects with the socket error (ECONNREFUSED: nothing listens) or AttachRefusedError. */
export async function connectToRunningCore(
  announce: RunningAnnounce,
  { timeoutMs = 5000 } = {},
): Promise<AttachedCore> {
  const socket = await openContractSocket({
    url: `ws://127.0.0.1:${announce.port}${WS_API_PATH}`,
    token: announce.token,
    timeoutMs,
    refused: (status, body) => new AttachRefusedError(status, announce, body),
    goneMessage: `The running Loadout (pid ${announce.pid}) closed the connection; it may have quit. Try the command again.`,
  });
  return { announce, ...socket };
}
