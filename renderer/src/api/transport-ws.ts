/**
 * The browser transport: one WebSocket to `loadout serve` (wire format in shared/contract/wire.ts), with request ids, events
 * fanned out to listeners, and reconnection with backoff (pending calls fail with an actionable message).
 */
import type { ApiError, ApiResponse } from '../../../shared/contract/errors';
import { createContractEvents } from '../../../shared/contract/client';
import type { ContractEvent } from '../../../shared/contract/event-hub';
import { WS_PATH } from './wire-constants';
import type { ApiTransport, ConnectionStatus } from './transport';

type Pending = { resolve: (r: ApiResponse<unknown>) => void; method: string };

/** A frame from the core: an answer to a call, or an event (the core sends only contract events). */
type WireFrame = { id?: unknown; result?: unknown; error?: unknown } & ({ event?: undefined } | ContractEvent);

/** Options for the WebSocket transport; `WebSocketImpl` lets tests pass a fake. */
export interface WsTransportOptions {
  url: string;
  WebSocketImpl?: typeof WebSocket;
  /** Backoff for reconnects: first delay and cap, in ms. */
  retryMs?: number;
  maxRetryMs?: number;
}

/** The wire URL for a page served by `loadout serve`: same host, ws(s), /api/ws, carrying ?token= when the page had one. */
export function defaultWsUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = new URLSearchParams(location.search).get('token');
  return `${scheme}//${location.host}${WS_PATH}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/** Open a WebSocket transport that reconnects until closed. */
export function createWsTransport(options: WsTransportOptions): ApiTransport {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const retryMs = options.retryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 5000;
  const pending = new Map<number, Pending>();
  const events = createContractEvents();
  const statusListeners = new Set<(s: ConnectionStatus, reason: string | null) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let status: ConnectionStatus = 'connecting';
  let reason: string | null = null;
  let delay = retryMs;
  let closed = false;
  let queue: string[] = [];

  const setStatus = (s: ConnectionStatus, why: string | null) => {
    status = s;
    reason = why;
    for (const l of statusListeners) l(s, why);
  };

  const failPending = (why: string) => {
    for (const [id, p] of pending) {
      p.resolve({
        ok: false,
        error: {
          code: 'unavailable',
          message: `${p.method} did not complete: ${why}. Try again once Loadout is reachable.`,
        },
      });
      pending.delete(id);
    }
  };

  const connect = () => {
    if (closed) return;
    setStatus('connecting', reason);
    const ws = new Impl(options.url);
    socket = ws;
    ws.onopen = () => {
      delay = retryMs;
      setStatus('open', null);
      for (const frame of queue) ws.send(frame);
      queue = [];
    };
    ws.onmessage = (ev: MessageEvent) => handleFrame(String(ev.data));
    ws.onclose = (ev: CloseEvent) => {
      if (socket !== ws) return;
      socket = null;
      const why = ev.reason || `the connection to ${options.url} closed (code ${ev.code})`;
      failPending(why);
      setStatus('closed', why);
      if (!closed) setTimeout(connect, delay);
      delay = Math.min(delay * 2, maxRetryMs);
    };
    ws.onerror = () => {
      /* onclose follows with the reason */
    };
  };

  const handleFrame = (text: string) => {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (!frame || typeof frame !== 'object') return;
    const f = frame as WireFrame;
    if (typeof f.id === 'number' && pending.has(f.id)) {
      const p = pending.get(f.id)!;
      pending.delete(f.id);
      if ('error' in f)
        p.resolve({
          ok: false,
          error: isApiError(f.error)
            ? f.error
            : { code: 'internal', message: `Loadout sent a malformed error for ${p.method}.` },
        });
      else p.resolve({ ok: true, result: f.result });
      return;
    }
    if (typeof f.event === 'string') events.emit(f.event, f.payload);
  };

  connect();

  return {
    call(method, input) {
      return new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, { resolve, method });
        const frame = JSON.stringify(input === undefined ? { id, method } : { id, method, params: input });
        if (socket && status === 'open') socket.send(frame);
        else queue.push(frame);
      });
    },
    on: (event, listener) => events.on(event, listener),
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status, reason);
      return () => {
        statusListeners.delete(listener);
      };
    },
    close() {
      closed = true;
      failPending('the window closed');
      socket?.close();
    },
  };
}

/** A structural check of an error frame (zod stays out of the quick chat's initial bundle). */
function isApiError(value: unknown): value is ApiError {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as ApiError).code === 'string' &&
    typeof (value as ApiError).message === 'string'
  );
}
