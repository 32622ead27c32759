/**
 * The endpoint's call to the chosen server: a plain node:http(s) POST over keep-alive connections.
 * Lighter than fetch on the hot path (the endpoint's added latency is measured in bench/routing).
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

/** POSTs `body` to `url`; rejects when the server cannot be reached (or the signal aborts first). */
export type UpstreamCall = (url: string, init: { headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<UpstreamResponse>;

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** The default UpstreamCall. */
export const postUpstream: UpstreamCall = (url, init) => new Promise((resolve, reject) => {
  let target: URL;
  try {
    target = new URL(url);
  } catch (error) {
    reject(error);
    return;
  }
  const secure = target.protocol === 'https:';
  const request = (secure ? https : http).request(target, {
    method: 'POST',
    headers: { ...init.headers, 'Content-Length': Buffer.byteLength(init.body) },
    agent: secure ? agents.https : agents.http,
    signal: init.signal,
  }, (response) => {
    resolve({ status: response.statusCode ?? 502, contentType: response.headers['content-type'] ?? null, body: response, cancel: () => response.destroy() });
  });
  request.on('error', reject);
  request.end(init.body);
});
