/**
 * Chat failures a person can act on: what happened, what it means, what to do. The chat service turns
 * the `openai` package's errors (HTTP status, connection refused, stream cut) into these.
 */
import { APIConnectionError, APIError, APIUserAbortError } from 'openai';

export type ChatErrorCode =
  /** The model named is not loaded (and LM Studio's JIT loading is off). */
  | 'model-not-loaded'
  /** Nothing answers at the endpoint: LM Studio is not running or the URL is wrong. */
  | 'not-running'
  /** The connection dropped after the answer started (LM Studio quit, crashed, or unloaded the model). */
  | 'interrupted'
  /** The endpoint wants a token and ours is missing or wrong. */
  | 'unauthorized'
  /** The caller cancelled. */
  | 'cancelled'
  /** The server refused the request as malformed, or failed for another reason. */
  | 'failed';

/** A chat failure; `message` is the sentence to show. */
export class ChatError extends Error {
  /** What had arrived before the failure (kept, shown, stored). */
  partialText = '';

  constructor(readonly code: ChatErrorCode, message: string, readonly serverMessage: string | null = null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChatError';
  }
}

function serverText(error: APIError): string | null {
  const body = error.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : null;
}

/** Map whatever the openai client threw to a ChatError; `started` = some of the answer had already arrived. */
export function toChatError(error: unknown, ctx: { model: string; endpoint: string; started: boolean; aborted: boolean }): ChatError {
  if (error instanceof ChatError) return error;
  if (ctx.aborted || error instanceof APIUserAbortError) return new ChatError('cancelled', 'Cancelled.', null, { cause: error });
  if (error instanceof APIConnectionError || !(error instanceof APIError)) {
    if (ctx.started) {
      return new ChatError('interrupted', `The answer from ${ctx.model} stopped halfway: the connection to ${ctx.endpoint} dropped (LM Studio quit, crashed or unloaded the model). The partial answer was kept; check LM Studio and ask again.`, null, { cause: error });
    }
    return new ChatError('not-running', `Could not reach LM Studio at ${ctx.endpoint}. Start LM Studio and its server (Developer tab, or \`lms server start\`), or check the URL (LOADOUT_LMSTUDIO_URL / settings).`, null, { cause: error });
  }
  const text = serverText(error);
  if (error.status === 401 || error.status === 403) {
    return new ChatError('unauthorized', `${ctx.endpoint} refused the request: it requires an API token. Set LM_API_TOKEN (or the token in settings) to a token from LM Studio's Developer → Manage Tokens.`, text, { cause: error });
  }
  const notLoaded = error.status === 404 || /not (?:been )?loaded|model_not_found|no models loaded|not found/i.test(`${text ?? ''} ${(error as { code?: unknown }).code ?? ''}`);
  if (notLoaded) {
    return new ChatError('model-not-loaded', `${ctx.model} is not loaded in LM Studio, and LM Studio did not load it on demand. Load it (\`lms load ${ctx.model}\` or a preset), turn on JIT loading in LM Studio, or ask with --model auto to use a loaded model.`, text, { cause: error });
  }
  return new ChatError('failed', `${ctx.endpoint} could not answer with ${ctx.model}: ${text ?? error.message}`, text, { cause: error });
}
