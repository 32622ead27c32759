/**
 * A Node client of a running Loadout's app API: the same contract and WebSocket (`/api/ws`) the
 * browser uses, on loopback, with the per-run token of the announce file. The CLI works through it,
 * and so will `loadout mcp`: typed calls (`client.call('presets.apply', { id })`) and events (`client.on`).
 */
import WebSocket from 'ws';
import { createEmitter } from '../../../shared/events/typed-emitter';
import {
  createContractClient,
  isEventName,
  WS_API_PATH,
  WsServerFrameSchema,
  type ApiResponse,
  type ContractClient,
  type ContractTransport,
  type EventName,
  type EventPayload,
} from '../../../shared/contract';
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
  constructor(readonly status: number, announce: RunningAnnounce, body: string) {
    super(`The running Loadout (${announce.face}, pid ${announce.pid}) refused this command (HTTP ${status}${body ? `: ${body}` : ''}). Run it with --standalone to work without it, or restart that Loadout.`);
    this.name = 'AttachRefusedError';
  }
}

/** Connect to the process an announce file names; rejects with the socket error (ECONNREFUSED: nothing listens) or AttachRefusedError. */
export function connectToRunningCore(announce: RunningAnnounce, { timeoutMs = 5000 } = {}): Promise<AttachedCore> {
  const socket = new WebSocket(`ws://127.0.0.1:${announce.port}${WS_API_PATH}`, {
    headers: { Authorization: `Bearer ${announce.token}` },
    handshakeTimeout: timeoutMs,
    maxPayload: 64 * 1024 * 1024,
  });
  const events = createEmitter<{ [E in EventName]: EventPayload<E> }>();
  const pending = new Map<number, (response: ApiResponse<unknown>) => void>();
  let nextId = 1;
  const gone = (): ApiResponse<unknown> => ({
    ok: false,
    error: { code: 'unavailable', message: `The running Loadout (pid ${announce.pid}) closed the connection; it may have quit. Try the command again.` },
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  void closed.then(() => {
    for (const answer of pending.values()) answer(gone());
    pending.clear();
  });
  socket.on('message', (data) => {
    let parsed: ReturnType<typeof WsServerFrameSchema.safeParse>;
    try {
      parsed = WsServerFrameSchema.safeParse(JSON.parse(data.toString()));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const frame = parsed.data;
    // The core validated each payload before sending it.
    if ('event' in frame) return void (isEventName(frame.event) && events.emit(frame.event, frame.payload as never));
    const answer = typeof frame.id === 'number' ? pending.get(frame.id) : undefined;
    if (!answer) return;
    pending.delete(frame.id as number);
    answer('error' in frame ? { ok: false, error: frame.error } : { ok: true, result: frame.result });
  });
  const transport: ContractTransport = {
    call(method, params) {
      if (socket.readyState !== socket.OPEN) return Promise.resolve(gone());
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    on: (event, listener) => events.on(event, listener),
  };
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => reject(new AttachRefusedError(res.statusCode ?? 0, announce, body.trim())));
      socket.terminate();
    });
    socket.once('error', reject);
    socket.once('open', () => {
      socket.off('error', reject);
      // Later socket errors end the connection; calls then answer `unavailable`.
      socket.on('error', () => socket.terminate());
      resolve({
        announce,
        client: createContractClient(transport),
        closed,
        close: async () => {
          socket.close();
          await closed;
        },
      });
    });
  });
}
