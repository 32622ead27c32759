/**
 * The HTTP server shape shared by `loadout serve` and the tray's OpenAI-compatible endpoint: a client
 * that sends its headers or its body slowly is cut off within 30 s (Node's defaults hold a slow body
 * for about 330 s: a 300 s requestTimeout checked every 30 s), and a malformed or timed-out request
 * gets a status and a JSON reason it can read instead of a bare reset.
 */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';

export interface HttpLimits {
  /** Time to receive the request's headers. */
  headersTimeoutMs: number;
  /** Time to receive the whole request, body included (not the answer: a long stream is not cut). */
  requestTimeoutMs: number;
}

/** 20 s for headers, 25 s for the whole request, checked every 5 s: cut off within 30 s. */
export const DEFAULT_HTTP_LIMITS: HttpLimits = { headersTimeoutMs: 20_000, requestTimeoutMs: 25_000 };

/** An http.Server with `limits` (tests pass short ones) and readable answers to client errors. */
export function createLimitedHttpServer(limits: HttpLimits, listener: http.RequestListener): http.Server {
  const server = http.createServer(serverOptions(limits), listener);
  server.on('clientError', answerClientError);
  return server;
}

/** The same, answering HTTPS with `tls` (a PEM key and certificate). */
export function createLimitedHttpsServer(
  limits: HttpLimits,
  tls: { key: string; cert: string },
  listener: http.RequestListener,
): https.Server {
  const server = https.createServer({ ...serverOptions(limits), key: tls.key, cert: tls.cert }, listener);
  server.on('clientError', answerClientError);
  return server;
}

function serverOptions(limits: HttpLimits): http.ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // How often Node looks for expired requests; a fifth of the shorter limit, at most 5 s.
    connectionsCheckingInterval: Math.max(10, Math.min(5_000, Math.floor(limits.headersTimeoutMs / 5))),
  };
}

const CLIENT_ERRORS: Record<string, [status: number, reason: string, message: string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    'The request did not arrive in time: its headers or body came too slowly. Send it again in one go.',
  ],
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'The request headers are too large. Send fewer or shorter headers.',
  ],
};

/** Answer a request Node could not parse or that came too slowly, then close; a reset or an answer already under way just closes. */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // Node's own handler makes the same check: once an answer has begun, a status line cannot follow.
  const answering =
    (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code === 'ECONNRESET' || !socket.writable || answering) return void socket.destroy();
  const [status, reason, message] = CLIENT_ERRORS[error.code ?? ''] ?? [
    400,
    'Bad Request',
    'The request is not valid HTTP/1.1. Check the client or proxy that sent it.',
  ];
  const body = JSON.stringify({
    error: { message, type: 'invalid_request_error', code: status === 408 ? 'request_timeout' : 'bad_request' },
  });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
