/**
 * The endpoint's call to the chosen server: a plain node:http(s) POST over keep-alive connections.
 * Lighter than fetch on the hot path (the endpoint's added latency is measured in bench/endpoint).
 *
 * Delayed ACKs: an upstream with Nagle on that writes its headers and body separately holds the body
 * until our kernel ACKs the headers, and on a busy keep-alive connection Linux delays that ACK ~40 ms
 * (its "pingpong" mode, entered when we send right after receiving). Neither noDelay (our side's Nagle)
 * nor undici (fetch's client, same sockets) changes our ACKs. So on Linux each answer's socket is told to
 * ACK at once when its headers arrive (quick-ack.ts: TCP_QUICKACK), streamed or whole, and connections
 * stay kept alive. Where that cannot be done (another OS, koffi missing, and the first calls while it
 * loads), a whole answer over plain http goes on a new connection, which starts in quick-ACK mode. A new
 * connection per stream was measured too: it removes the wait but costs the ordinary upstream the connect
 * and accept (+3 ms TTFT p50 at 16 concurrent streams), so streams keep their connections. https keeps its
 * connections either way (a TLS handshake costs more than the wait). Measured in bench/upstream-nagle and
 * bench/endpoint.
 */
import http from 'node:http';
import https from 'node:https';
import { loadQuickAck, type AckNow } from './quick-ack';

export interface UpstreamResponse {
  status: number;
  contentType: string | null;
  /** The response body as it arrives. */
  body: AsyncIterable<Uint8Array>;
  /** The body's size when it is already read whole (a checked completion), so it goes out with a Content-Length. */
  bodyLength?: number;
  /** Stop reading and drop the connection. */
  cancel(): void;
}

/** POSTs `body` to `url`; rejects when the server cannot be reached or the signal aborts before the answer starts (after that, `cancel()` stops it). */
export type UpstreamCall = (url: string, init: UpstreamInit) => Promise<UpstreamResponse>;

export interface UpstreamInit {
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  /** The answer comes whole, not streamed: where quick-ACK is missing, plain http uses a new connection (see the file's comment). */
  wholeAnswer?: boolean;
}

// Keep-alive connections, Nagle off (a streamed answer is many small writes; the first must not wait).
const agents = {
  http: new http.Agent({ keepAlive: true, noDelay: true }),
  https: new https.Agent({ keepAlive: true, noDelay: true }),
};
/** One connection per request, for whole answers over plain http where quick-ACK is missing. */
export const freshConnectionAgent = new http.Agent({ keepAlive: false, noDelay: true });

interface Target {
  secure: boolean;
  options: http.RequestOptions;
}

/** Parsed targets by URL: the endpoint calls the same few URLs over and over. */
const targets = new Map<string, Target>();

function targetOf(url: string): Target {
  let target = targets.get(url);
  if (!target) {
    const u = new URL(url);
    const secure = u.protocol === 'https:';
    target = {
      secure,
      options: {
        protocol: u.protocol,
        hostname: u.hostname.replace(/^\[|\]$/g, ''),
        port: u.port || (secure ? 443 : 80),
        path: u.pathname + u.search,
        method: 'POST',
        agent: secure ? agents.https : agents.http,
      },
    };
    if (targets.size > 64) targets.clear();
    targets.set(url, target);
  }
  return target;
}

export interface UpstreamCallOptions {
  /** Binds quick-ACK (default: loadQuickAck); asked once, on the first call, and not awaited. */
  quickAck?: () => Promise<AckNow | null>;
}

/** An UpstreamCall; each has its own quick-ACK binding (tests pass one that is missing). */
export function createUpstreamCall(options: UpstreamCallOptions = {}): UpstreamCall {
  // undefined until bound (or found missing): calls meanwhile take the fallback.
  let ackNow: AckNow | null | undefined;
  let asked = false;
  const askQuickAck = () => {
    asked = true;
    (options.quickAck ?? loadQuickAck)().then(
      (bound) => (ackNow = bound),
      () => (ackNow = null),
    );
  };
  return (url, init) =>
    new Promise((resolve, reject) => {
      if (!asked) askQuickAck();
      let target: Target;
      try {
        target = targetOf(url);
      } catch (error) {
        reject(error);
        return;
      }
      const { signal } = init;
      if (signal.aborted) {
        reject(abortError(signal));
        return;
      }
      const body = Buffer.from(init.body);
      // The signal only has to stop a call that has no answer yet; once the answer streams, the caller
      // cancels it. One listener, removed at the answer, instead of `signal:` (Node then watches the
      // whole request's life, a large share of this call's cost).
      const onAbort = () => request.destroy(abortError(signal));
      const ack = ackNow;
      const fresh = !ack && init.wholeAnswer === true && !target.secure;
      const request = (target.secure ? https : http).request(
        {
          ...target.options,
          ...(fresh ? { agent: freshConnectionAgent } : {}),
          headers: { ...init.headers, 'Content-Length': body.length },
        },
        (response) => {
          // The headers are in: ACK them now, so a Nagle-on upstream sends the rest without waiting.
          if (ack) ack(response.socket);
          signal.removeEventListener('abort', onAbort);
          resolve({
            status: response.statusCode ?? 502,
            contentType: response.headers['content-type'] ?? null,
            body: response,
            cancel: () => response.destroy(),
          });
        },
      );
      signal.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      });
      request.end(body);
    });
}

/** The default UpstreamCall. */
export const postUpstream: UpstreamCall = createUpstreamCall();

/** What Node's own `signal:` option rejects with: an AbortError carrying the signal's reason. */
function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted'), {
    name: 'AbortError',
    code: 'ABORT_ERR',
    cause: signal.reason as unknown,
  });
}
