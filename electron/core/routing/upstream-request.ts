/**
 * The endpoint's call to the chosen server: a plain node:http(s) POST over keep-alive connections.
 * Lighter than fetch on the hot path (the endpoint's added latency is measured in bench/routing).
 *
 * A whole (non-streamed) answer over plain http goes on a new connection instead. An upstream with
 * Nagle on that writes its headers and body separately holds the body until our kernel ACKs the
 * headers, and on a busy keep-alive connection Linux delays that ACK ~40 ms (its "pingpong" mode, entered
 * when we send right after receiving). Neither noDelay (our side's Nagle) nor undici (fetch's client,
 * same sockets) changes our ACKs; a new connection starts in quick-ACK mode. Loopback and LAN connects
 * cost well under a millisecond; https keeps its connections (a TLS handshake costs more than the wait).
 * Measured in bench/upstream-nagle.
 */
import http from 'node:http';
import https from 'node:https';

export interface UpstreamResponse {
  status: number;
  contentType: string | null;
  /** The response body as it arrives. */
  body: AsyncIterable<Uint8Array>;
  /** Stop reading and drop the connection. */
  cancel(): void;
}

/** POSTs `body` to `url`; rejects when the server cannot be reached or the signal aborts before the answer starts (after that, `cancel()` stops it). */
export type UpstreamCall = (url: string, init: UpstreamInit) => Promise<UpstreamResponse>;

export interface UpstreamInit {
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  /** The answer comes whole, not streamed: over plain http, use a new connection (see the file's comment). */
  wholeAnswer?: boolean;
}

// Keep-alive connections, Nagle off (a streamed answer is many small writes; the first must not wait).
const agents = {
  http: new http.Agent({ keepAlive: true, noDelay: true }),
  https: new https.Agent({ keepAlive: true, noDelay: true }),
};
/** One connection per request, for whole answers over plain http. */
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

/** The default UpstreamCall. */
export const postUpstream: UpstreamCall = (url, init) =>
  new Promise((resolve, reject) => {
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
    const fresh = init.wholeAnswer === true && !target.secure;
    const request = (target.secure ? https : http).request(
      {
        ...target.options,
        ...(fresh ? { agent: freshConnectionAgent } : {}),
        headers: { ...init.headers, 'Content-Length': body.length },
      },
      (response) => {
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

/** What Node's own `signal:` option rejects with: an AbortError carrying the signal's reason. */
function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted'), {
    name: 'AbortError',
    code: 'ABORT_ERR',
    cause: signal.reason as unknown,
  });
}
