/**
 * Chat failures a person can act on: what happened, what it means, what to do. The chat service turns
 * the `openai` package's errors (HTTP status, connection refused, stream cut) into these.
 */
import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { lmStudioNotRunningMessage } from '../lmstudio/errors';

export type ChatErrorCode =
  /** The model named is not loaded (and LM Studio's JIT loading is off). */
  | 'model-not-loaded'
  /** Nothing answers at the endpoint: LM Studio is not running or the URL is wrong. */
  | 'not-running'
  /** The answer stopped halfway: the connection dropped, or the stream ended without saying it was finished. */
  | 'interrupted'
  /** The endpoint wants a token and ours is missing or wrong. */
  | 'unauthorized'
  /** Something answers at the address, but not as LM Studio (or any OpenAI-compatible server) does. */
  | 'not-lmstudio'
  /** The caller cancelled. */
  | 'cancelled'
  /** The server refused the request as malformed, or failed for another reason. */
  | 'failed';

/** A chat failure; `message` is the sentence to show. */
export class ChatError extends Error {
  /** What had arrived before the failure (kept, shown, stored). */
  partialText = '';
  /** Where the partial answer was kept in the chat history, marked as cut (null when it was not). */
  kept: { conversationId: string; messageId: number } | null = null;

  constructor(
    readonly code: ChatErrorCode,
    message: string,
    readonly serverMessage: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ChatError';
  }
}

function serverText(error: APIError): string | null {
  const body = error.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : null;
}

/** Map whatever the openai client threw to a ChatError; `started` = some of the answer had already arrived. */
export function toChatError(
  error: unknown,
  ctx: { model: string; endpoint: string; where?: string; started: boolean; aborted: boolean },
): ChatError {
  if (error instanceof ChatError) return error;
  if (ctx.aborted || error instanceof APIUserAbortError)
    return new ChatError('cancelled', 'Cancelled.', null, { cause: error });
  if (error instanceof APIConnectionError || !(error instanceof APIError)) {
    if (ctx.started) {
      return new ChatError(
        'interrupted',
        `The answer from ${ctx.model} stopped halfway: the connection to ${ctx.endpoint} dropped (LM Studio quit, crashed or unloaded the model). The partial answer was kept; check LM Studio and ask again.`,
        null,
        { cause: error },
      );
    }
    const message = ctx.where
      ? lmStudioNotRunningMessage(ctx.where)
      : `Could not reach ${ctx.endpoint}: nothing answered there. Check that the server runs and its address in settings, then ask again.`;
    return new ChatError('not-running', message, null, { cause: error });
  }
  const text = serverText(error);
  if (error.status === 401 || error.status === 403) {
    return new ChatError(
      'unauthorized',
      `${ctx.endpoint} refused the request: it requires an API token. Set LM_API_TOKEN (or the token in settings) to a token from LM Studio's Developer → Manage Tokens.`,
      text,
      { cause: error },
    );
  }
  const notLoaded =
    error.status === 404 ||
    /not (?:been )?loaded|unloaded|model_not_found|no models loaded|not found/i.test(
      `${text ?? ''} ${(error as { code?: unknown }).code ?? ''}`,
    );
  if (notLoaded) {
    return new ChatError(
      'model-not-loaded',
      `${ctx.model} is not loaded in LM Studio, and LM Studio did not load it on demand. Load it (\`lms load ${ctx.model}\` or a preset), turn on JIT loading in LM Studio, or ask with --model auto to use a loaded model.`,
      text,
      { cause: error },
    );
  }
  return new ChatError('failed', `${ctx.endpoint} could not answer with ${ctx.model}: ${text ?? error.message}`, text, {
    cause: error,
  });
}

/** The stream ended cleanly but never said it was finished (no finish_reason, no [DONE]): the answer is cut. */
export function streamEndedEarlyError(ctx: { model: string; endpoint: string }): ChatError {
  return new ChatError(
    'interrupted',
    `The answer from ${ctx.model} stopped halfway: ${ctx.endpoint} ended it without saying it was finished (no finish_reason, no [DONE]). What arrived was kept and marked as cut; ask again, and check LM Studio's logs (Developer tab) if it keeps happening.`,
  );
}

/** What a body that is not an answer looks like, for the message: "an HTML page", "text that is not JSON"… */
function describeBody(contentType: string, text: string): string {
  if (/html/i.test(contentType) || /^\s*<(?:!doctype|html)/i.test(text)) return 'an HTML page';
  return text.trim() === ''
    ? 'an empty body'
    : `${contentType || 'data'} that is not an OpenAI answer ("${text
        .trim()
        .slice(0, 60)
        .replace(/[^\x20-\x7e]/g, '?')}")`;
}

/**
 * A chat answered with something other than a stream. LM Studio's HTTP 200 `{"error": "Model is unloaded."}`
 * becomes an error that quotes it; anything else (a web page, garbage) names the server as not LM Studio.
 */
export async function notAnAnswerError(
  response: Response,
  ctx: { model: string; endpoint: string },
): Promise<ChatError> {
  const contentType = response.headers.get('content-type') ?? '';
  let text = '';
  try {
    text = await response.text();
  } catch {
    // An unreadable body says no more than an empty one.
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const error = (body as { error?: unknown } | null)?.error;
  const said =
    typeof error === 'string'
      ? error
      : typeof (error as { message?: unknown } | null)?.message === 'string'
        ? (error as { message: string }).message
        : null;
  if (said !== null) {
    if (/unloaded|not (?:been )?loaded|no models? loaded|model_not_found/i.test(said)) {
      return new ChatError(
        'model-not-loaded',
        `${ctx.endpoint} answered with an error instead of an answer: "${said}". ${ctx.model} is not loaded any more; load it again (\`lms load ${ctx.model}\` or a preset), or ask with --model auto to use a loaded model.`,
        said,
      );
    }
    return new ChatError(
      'failed',
      `${ctx.endpoint} answered with an error instead of an answer: "${said}". Check LM Studio's logs (Developer tab), then ask again.`,
      said,
    );
  }
  return new ChatError(
    'not-lmstudio',
    `${ctx.endpoint} answered with ${describeBody(contentType, text)}, not with an answer: the server at that address is not LM Studio (or not its API port). Check the address (LOADOUT_LMSTUDIO_URL, --lmstudio or settings) and that LM Studio's server runs there.`,
  );
}
