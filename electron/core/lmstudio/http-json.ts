/**
 * JSON over HTTP to LM Studio with a timeout, the caller's AbortSignal, Bearer auth, and retries for
 * idempotent GETs only. Connection failures become `not-running`; the body is returned for the caller to
 * judge (LM Studio answers unknown routes with HTTP 200 + {"error": …}).
 */
import type { LmStudioError } from './client-types';
import {
  abortedError,
  badResponseError,
  notRunningError,
  timeoutError,
  unauthorizedError,
  extractLmStudioMessage,
} from './errors';

/** An HTTP answer with its parsed JSON body. */
export interface JsonAnswer {
  status: number;
  body: unknown;
}

export interface JsonRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Extra attempts after a timeout or a dropped connection (GETs only). */
  retries?: number;
  /** Throw `unauthorized` on 401/403 (default true); detection turns it off to read the status. */
  throwOnUnauthorized?: boolean;
}

export interface HttpJsonDeps {
  fetch: typeof fetch;
  baseUrl: string;
  /** How messages name the server: the URL and where it came from; default the URL alone. */
  where?: string;
  getToken: () => Promise<string | null>;
}

function causeCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Sends one JSON request; rejects with LmStudioError only. */
export async function requestJson(deps: HttpJsonDeps, request: JsonRequest): Promise<JsonAnswer> {
  const retries = request.method === 'GET' ? Math.max(0, request.retries ?? 0) : 0;
  let lastError: LmStudioError | null = null;
  for (let attempt = 0; attempt <= retries; attempt++) {
    try {
      return await requestOnce(deps, request);
    } catch (error) {
      lastError = error as LmStudioError;
      const retryable =
        lastError.code === 'timeout' ||
        (lastError.code === 'not-running' && causeCode(lastError.cause) === 'ECONNRESET');
      if (!retryable || request.signal?.aborted) throw lastError;
    }
  }
  throw lastError as LmStudioError;
}

async function requestOnce(deps: HttpJsonDeps, request: JsonRequest): Promise<JsonAnswer> {
  const what = `${request.method} ${request.path}`;
  if (request.signal?.aborted) throw abortedError(what);
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const token = await deps.getToken();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  let text: string;
  try {
    response = await deps.fetch(`${deps.baseUrl}${request.path}`, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (request.signal?.aborted) throw abortedError(what);
    if (timeout.aborted) throw timeoutError(deps.baseUrl, what, request.timeoutMs);
    // Refused, unreachable, reset before an answer: to the user all of these mean "not running there".
    throw notRunningError(deps.where ?? deps.baseUrl, error);
  }

  let body: unknown = null;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      if (response.status === 401 || response.status === 403) body = text;
      else
        throw badResponseError(
          deps.baseUrl,
          what,
          `HTTP ${response.status}, not JSON: ${text.slice(0, 80)}`,
          response.status,
        );
    }
  }
  if ((response.status === 401 || response.status === 403) && request.throwOnUnauthorized !== false) {
    throw unauthorizedError(deps.where ?? deps.baseUrl, token !== null, extractLmStudioMessage(body));
  }
  return { status: response.status, body };
}

/** True for LM Studio's "unknown route" answer: HTTP 200 whose body is `{"error": …}` and nothing useful. */
export function isUnknownRouteAnswer(answer: JsonAnswer): boolean {
  const body = answer.body as Record<string, unknown> | null;
  return answer.status === 200 && body !== null && typeof body === 'object' && 'error' in body;
}
