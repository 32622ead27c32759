/**
 * The endpoint's check of an upstream HTTP 2xx that is not a stream: LM Studio answers some failures
 * with HTTP 200 and `{"error": "Model is unloaded."}`, and a server that is not LM Studio answers with
 * a page. Neither may reach the client as a 200, nor be costed as an answer; a real completion is
 * replayed unchanged. Streams pass without being read here.
 */
import { notAnAnswerError } from '../chat/chat-errors';
import type { ChatErrorCode } from '../chat/chat-errors';
import type { UpstreamResponse } from './upstream-request';

/** Why the upstream 2xx is not an answer, as the OpenAI-shaped error the client gets (HTTP 502). */
export interface UpstreamAnswerFailure {
  message: string;
  /** The OpenAI error `type`/`code`. */
  type: string;
  /** LM Studio said the model is gone: the routing view is out of date. */
  modelGone: boolean;
}

const TYPES: Partial<Record<ChatErrorCode, string>> = {
  'model-not-loaded': 'model_not_found',
  'not-lmstudio': 'loadout_upstream_not_lmstudio',
};

/** The upstream unchanged (a stream, or a completion replayed from its bytes), or why it is not an answer. */
export async function checkUpstreamAnswer(
  upstream: UpstreamResponse,
  ctx: { model: string; endpoint: string },
): Promise<{ upstream: UpstreamResponse } | { failure: UpstreamAnswerFailure }> {
  if (upstream.status < 200 || upstream.status >= 300 || /^text\/event-stream\b/i.test(upstream.contentType ?? ''))
    return { upstream };
  const chunks: Uint8Array[] = [];
  for await (const chunk of upstream.body) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    parsed = null;
  }
  if (Array.isArray((parsed as { choices?: unknown } | null)?.choices)) {
    return {
      upstream: {
        ...upstream,
        bodyLength: bytes.length,
        body: (async function* replay() {
          yield bytes;
        })(),
      },
    };
  }
  const error = await notAnAnswerError(
    new Response(bytes, { headers: { 'content-type': upstream.contentType ?? '' } }),
    ctx,
  );
  return {
    failure: {
      message: error.message,
      type: TYPES[error.code] ?? 'loadout_upstream_error',
      modelGone: error.code === 'model-not-loaded',
    },
  };
}
