/**
 * The app API over WebSocket: each text frame `{id, method, params}` is dispatched through the
 * contract and answered `{id, result}` or `{id, error}`; contract events go to every client as
 * `{event, payload}` (one addressed to a caller, only to its socket). Malformed frames get an error answer; nothing a client sends ends the server.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import {
  WsRequestSchema,
  type ContractDispatch,
  type ContractEventHub,
  type WsResponse,
} from '../../../shared/contract';

/** Largest frame a client may send (a preset import is the biggest real message). */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** A client this far behind stops getting events until it catches up (samples are replaceable). */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Ping every client this often; one that did not answer the previous ping is dropped (a closed laptop lid). */
export const HEARTBEAT_MS = 30_000;

export interface WsApi {
  server: WebSocketServer;
  /** Close every connection and stop forwarding events. */
  close(): Promise<void>;
}

/** Attach the app API to a `noServer` WebSocketServer; the HTTP server hands it checked upgrades. */
export function createWsApi(
  dispatch: ContractDispatch,
  hub: ContractEventHub,
  heartbeatMs = HEARTBEAT_MS,
  /** Told how many clients are connected after each connect and close (serve reads GPU processes only while one is). */
  onClientCount?: (count: number) => void,
): WsApi {
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let nextId = 1;
  const alive = new WeakMap<WebSocket, boolean>();
  const heartbeat = setInterval(() => {
    for (const client of server.clients) {
      if (alive.get(client) === false) {
        client.terminate();
        continue;
      }
      alive.set(client, false);
      client.ping();
    }
  }, heartbeatMs);
  heartbeat.unref();
  const callers = new Map<string, WebSocket>();
  const unsubscribe = hub.subscribe((e, to) => {
    if (server.clients.size === 0) return;
    const frame = JSON.stringify(e);
    // A per-request event (a chat's deltas) goes only to the socket that asked.
    const targets = to === undefined ? server.clients : [callers.get(to)].filter((c) => c !== undefined);
    for (const client of targets) {
      if (client.readyState === client.OPEN && client.bufferedAmount < MAX_BUFFERED_BYTES) client.send(frame);
    }
  });
  server.on('connection', (socket: WebSocket) => {
    const callerId = `ws-${nextId++}`;
    callers.set(callerId, socket);
    socket.on('close', () => {
      callers.delete(callerId);
      onClientCount?.(server.clients.size);
    });
    onClientCount?.(server.clients.size);
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
    socket.on('error', () => socket.terminate());
    socket.on('message', (data, isBinary) => {
      void answer(socket, isBinary ? null : data.toString(), dispatch, callerId);
    });
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        clearInterval(heartbeat);
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

async function answer(
  socket: WebSocket,
  text: string | null,
  dispatch: ContractDispatch,
  callerId: string,
): Promise<void> {
  const reply = (response: WsResponse) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(response));
  };
  if (text === null)
    return reply(
      frameError(null, 'Binary frames are not understood: send JSON text frames {"id", "method", "params"}.'),
    );
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return reply(frameError(null, 'The frame is not valid JSON: send {"id": 1, "method": "app.info"}.'));
  }
  const parsed = WsRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const id =
      typeof raw === 'object' &&
      raw !== null &&
      'id' in raw &&
      (typeof raw.id === 'number' || typeof raw.id === 'string')
        ? raw.id
        : null;
    return reply(
      frameError(id, 'A request needs "id" (number or string) and "method" (string), and may have "params".'),
    );
  }
  const { id, method, params } = parsed.data;
  const response = await dispatch(method, params, { transport: 'ws', callerId });
  reply(response.ok ? { id, result: response.result } : { id, error: response.error });
}

function frameError(id: number | string | null, message: string): WsResponse {
  return { id, error: { code: 'invalid-input', message } };
}
