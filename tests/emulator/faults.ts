/**
 * Faults a client must never take for a good answer: LM Studio's HTTP 200 with an error body on a chat,
 * a stream that ends cleanly halfway (no finish_reason, no [DONE]), a 401 on the chat alone (a token
 * revoked after the models were listed), and a server at LM Studio's address that is not LM Studio.
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from './http-io';
import { unauthorizedBody } from './wording';

/** One injected fault for the next chat completion (one-shot). */
export type ChatFault =
  /** HTTP 200 with `{"error": message}` instead of an answer (LM Studio does this when the model was unloaded). */
  | { kind: 'error-body'; message?: string }
  /** Stream this many tokens, then end the response cleanly: no finish_reason, no usage, no [DONE]. */
  | { kind: 'clean-eof'; afterTokens: number }
  /** HTTP 401 on the chat only. */
  | { kind: 'unauthorized' };

/** A server that is not LM Studio: a web page, or bytes that are not JSON. */
export type Impostor = 'html' | 'garbage';

/** LM Studio's words when a chat names a model it just unloaded. */
export const MODEL_UNLOADED = 'Model is unloaded.';

/** A fault from untrusted control input; null when it names none. */
export function parseChatFault(input: unknown): ChatFault | null {
  const kind = (input as { kind?: unknown } | null)?.kind;
  if (kind === 'error-body') {
    const message = (input as { message?: unknown }).message;
    return { kind, ...(typeof message === 'string' ? { message } : {}) };
  }
  if (kind === 'clean-eof') {
    const after = Number((input as { afterTokens?: unknown }).afterTokens);
    return { kind, afterTokens: Number.isFinite(after) && after >= 0 ? Math.floor(after) : 3 };
  }
  if (kind === 'unauthorized') return { kind };
  return null;
}

/** Answer the chat's fault at once when it needs no stream; false for `clean-eof` (the stream route cuts it). */
export function answerChatFault(fault: ChatFault, res: ServerResponse): boolean {
  if (fault.kind === 'error-body') {
    sendJson(res, 200, { error: fault.message ?? MODEL_UNLOADED });
    return true;
  }
  if (fault.kind === 'unauthorized') {
    sendJson(res, 401, unauthorizedBody(true));
    return true;
  }
  return false;
}

const HTML_PAGE =
  '<!doctype html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>\n';

/** Answer any request as a server that is not LM Studio. */
export function answerAsImpostor(impostor: Impostor, res: ServerResponse): void {
  const [type, body] =
    impostor === 'html'
      ? ['text/html; charset=utf-8', HTML_PAGE]
      : ['application/octet-stream', '\u0000\u0017garbage\u00ff{not json'];
  res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
