/**
 * A ContractClient over one WebSocket to a Loadout's `/api/ws`: the frames, the pending calls and the
 * events, whoever is at the other end (this machine's running core, or another machine's agent over
 * wss with a pinned certificate). The caller says how to open the socket and how to word a refusal.
 */
import WebSocket from 'ws';
import { createEmitter } from '../../../shared/events/typed-emitter';
import {
  createContractClient,
  isEventName,
  WsServerFrameSchema,
  type ApiResponse,
  type ContractClient,
  type ContractTransport,
  type EventName,
  type EventPayload,
} from '../../../shared/contract';

export interface ContractSocket {
  client: ContractClient;
  /** Resolves when the connection ends, by either side. */
  closed: Promise<void>;
  close(): Promise<void>;
}

export interface ContractSocketOptions {
  /** ws:// or wss:// URL of `/api/ws`. */
  url: string;
  token: string;
  timeoutMs?: number;
  /** Extra socket options (a TLS `createConnection` that checks a pinned certificate). */
  socketOptions?: WebSocket.ClientOptions;
  /** The error for an HTTP refusal (a wrong token, a Host it does not accept), from its status and body. */
  refused(status: number, body: string): Error;
  /** What a call answers once the connection is gone. */
  goneMessage: string;
}

/** Open the socket; rejects with the socket's error (ECONNREFUSED, a TLS error) or `refused(...)`. */
export function openContractSocket(options: ContractSocketOptions): Promise<ContractSocket> {
  const socket = new WebSocket(options.url, {
    ...options.socketOptions,
    headers: { Authorization: `Bearer ${options.token}` },
    handshakeTimeout: options.timeoutMs ?? 5000,
    maxPayload: 64 * 1024 * 1024,
  });
  const events = createEmitter<{ [E in EventName]: EventPayload<E> }>();
  const pending = new Map<number, (response: ApiResponse<unknown>) => void>();
  let nextId = 1;
  const gone = (): ApiResponse<unknown> => ({
    ok: false,
    error: { code: 'unavailable', message: options.goneMessage },
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
      // The refusal's own words first; the socket's "closed before established" would hide them.
      socket.off('error', reject);
      socket.on('error', () => undefined);
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        reject(options.refused(res.statusCode ?? 0, body.trim()));
        socket.terminate();
      });
    });
    socket.once('error', reject);
    socket.once('open', () => {
      socket.off('error', reject);
      // Later socket errors end the connection; calls then answer `unavailable`.
      socket.on('error', () => socket.terminate());
      resolve({
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
