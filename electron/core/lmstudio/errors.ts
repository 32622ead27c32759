/**
 * Turns what LM Studio (or `lms`) said into an LmStudioError a person can act on: what happened, what it
 * means, what to do. LM Studio's own words are kept verbatim in `lmStudioMessage`.
 */
import { translator } from '../../../shared/i18n/translate';
import { wordLmStudioUnreachable } from '../../../shared/lmstudio/lmstudio-unreachable';
import { LmStudioError } from './client-types';

/** Pulls LM Studio's message out of an error body: `{"error": "…"}`, `{"error": {"message": "…"}}` or `{"message": "…"}`. */
export function extractLmStudioMessage(body: unknown): string | null {
  if (typeof body === 'string') return body.trim() || null;
  if (body === null || typeof body !== 'object') return null;
  const record = body as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'string') return error;
  if (error !== null && typeof error === 'object') {
    const message = (error as Record<string, unknown>).message;
    if (typeof message === 'string') return message;
  }
  return typeof record.message === 'string' ? record.message : null;
}

/** The error code LM Studio attached (`{"error": {"code": "model_load_failed"}}`), if any. */
export function extractLmStudioCode(body: unknown): string | null {
  const error = (body as { error?: unknown } | null)?.error;
  if (error !== null && typeof error === 'object') {
    const record = error as Record<string, unknown>;
    if (typeof record.code === 'string') return record.code;
    if (typeof record.type === 'string') return record.type;
  }
  return null;
}

/** True when LM Studio's text is its memory guardrail refusal (bug-tracker #927, #1038). */
export function isGuardrailMessage(text: string | null): boolean {
  return text !== null && /insufficient system resources|loading guardrails?/i.test(text);
}

/** "requires approximately 21.34 GB of memory" → bytes; null when LM Studio did not say. */
export function parseRequiredBytes(text: string | null): number | null {
  const match = text ? /requires approximately\s+([\d.,]+)\s*(TB|TiB|GB|GiB|MB|MiB)/i.exec(text) : null;
  if (!match) return null;
  const value = Number((match[1] as string).replace(',', '.'));
  if (!Number.isFinite(value)) return null;
  const unit = (match[2] as string).toLowerCase();
  const scale: Record<string, number> = { tb: 1e12, tib: 2 ** 40, gb: 1e9, gib: 2 ** 30, mb: 1e6, mib: 2 ** 20 };
  return Math.round(value * (scale[unit] ?? 1e9));
}

/** "21.3 GB" for messages. */
export function formatBytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}

/**
 * The one sentence for "LM Studio does not answer", used by every command and window (models, presets,
 * chat, bench). `where` is the URL, with its source when known: "http://127.0.0.1:1234 (from settings …)".
 */
export function lmStudioNotRunningMessage(where: string): string {
  return wordLmStudioUnreachable({ kind: 'not-running', where }, translator('en'));
}

/** LM Studio does not answer at all. */
export function notRunningError(where: string, cause?: unknown): LmStudioError {
  return new LmStudioError('not-running', lmStudioNotRunningMessage(where), { cause });
}

/** Something answers at the address, but not as LM Studio does. */
export function notLmStudioError(baseUrl: string): LmStudioError {
  return new LmStudioError(
    'not-lmstudio',
    wordLmStudioUnreachable({ kind: 'not-lmstudio', where: baseUrl }, translator('en')),
  );
}

/** LM Studio wants a token, or rejected ours. */
export function unauthorizedError(baseUrl: string, hadToken: boolean, lmStudioMessage: string | null): LmStudioError {
  const what = hadToken ? 'rejected the API token Loadout sent' : 'requires an API token and none is set';
  return new LmStudioError(
    'unauthorized',
    `LM Studio at ${baseUrl} ${what}. Create a token in LM Studio (Developer → Server Settings → Manage Tokens), then set LM_API_TOKEN or save it in Loadout's settings.`,
    { lmStudioMessage, httpStatus: 401 },
  );
}

/** The call took longer than its timeout. */
export function timeoutError(baseUrl: string, what: string, timeoutMs: number): LmStudioError {
  return new LmStudioError(
    'timeout',
    `LM Studio at ${baseUrl} did not finish ${what} within ${Math.round(timeoutMs / 100) / 10} s. It may be busy (loading a large model?); try again, or allow a longer timeout.`,
  );
}

/** The caller cancelled. */
export function abortedError(what: string): LmStudioError {
  return new LmStudioError('aborted', `Cancelled: ${what}.`);
}

/**
 * LM Studio (or `lms`) answered with a body whose shape is not the documented one. `field` names where
 * (`models[2].key`), so a report says which LM Studio change broke Loadout.
 */
export class LmStudioShapeError extends LmStudioError {
  /** The answer's source, e.g. "/api/v1/models" or "`lms ps --json`". */
  readonly source: string;
  /** The path of the first unexpected field, e.g. "models[2].key"; "the answer" for the body itself. */
  readonly field: string;

  constructor(source: string, field: string, problem: string) {
    super(
      'bad-response',
      `LM Studio's ${source} answer is not what Loadout expects: ${field}: ${problem}. Update LM Studio (and its lms CLI), or report this with LM Studio's version.`,
    );
    this.name = 'LmStudioShapeError';
    this.source = source;
    this.field = field;
  }
}

/** LM Studio answered something this client cannot read. */
export function badResponseError(
  baseUrl: string,
  what: string,
  detail: string,
  httpStatus: number | null = null,
  lmStudioMessage: string | null = null,
): LmStudioError {
  return new LmStudioError(
    'bad-response',
    `LM Studio at ${baseUrl} answered ${what} with something Loadout cannot read (${detail}). Update LM Studio, or report this with LM Studio's version.`,
    { httpStatus, lmStudioMessage },
  );
}

/** An operation a level cannot carry (the client never chooses that level for it). */
export function unsupportedOperation(level: string, operation: string, instead: string): LmStudioError {
  return new LmStudioError('unsupported', `${level} cannot ${operation}; ${instead}.`);
}

/** A load that LM Studio refused or failed, classified by its message. */
export function loadError(
  key: string,
  lmStudioMessage: string | null,
  httpStatus: number | null,
  lmStudioCode: string | null = null,
): LmStudioError {
  if (isGuardrailMessage(lmStudioMessage)) {
    const requiredBytes = parseRequiredBytes(lmStudioMessage);
    const need = requiredBytes === null ? 'more memory than is free' : `about ${formatBytes(requiredBytes)} of memory`;
    return new LmStudioError(
      'guardrail',
      `LM Studio refused to load ${key}: it needs ${need} and its guardrail says there is not enough. Unload other models, choose a smaller quantization or a shorter context, or relax "Model Loading Guardrails" in LM Studio's settings.`,
      { lmStudioMessage, httpStatus, subject: key, requiredBytes },
    );
  }
  if (
    httpStatus === 404 ||
    lmStudioCode === 'model_not_found' ||
    /not found|no model|cannot find/i.test(lmStudioMessage ?? '')
  ) {
    return new LmStudioError(
      'not-found',
      `LM Studio has no model "${key}". Check the key with \`loadout models\`, or download it in LM Studio.`,
      { lmStudioMessage, httpStatus, subject: key },
    );
  }
  return new LmStudioError(
    'load-failed',
    `LM Studio failed to load ${key}${lmStudioMessage ? `: ${lmStudioMessage}` : ''}. Check LM Studio's logs (Developer tab); a shorter context or less GPU offload may help.`,
    { lmStudioMessage, httpStatus, subject: key },
  );
}

/** An unload of an instance that is not loaded, or another unload failure. */
export function unloadError(
  instanceId: string,
  lmStudioMessage: string | null,
  httpStatus: number | null,
): LmStudioError {
  if (httpStatus === 404 || /not found|no loaded|no model/i.test(lmStudioMessage ?? '')) {
    return new LmStudioError(
      'not-found',
      `No loaded instance "${instanceId}" in LM Studio (it may have been unloaded already). Refresh the list of loaded models.`,
      { lmStudioMessage, httpStatus, subject: instanceId },
    );
  }
  return new LmStudioError(
    'bad-response',
    `LM Studio could not unload "${instanceId}"${lmStudioMessage ? `: ${lmStudioMessage}` : ''}. Try again, or unload it in LM Studio.`,
    { lmStudioMessage, httpStatus, subject: instanceId },
  );
}
