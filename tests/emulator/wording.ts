/**
 * LM Studio's own texts, as quoted in ../shared/reference/lmstudio-api.md, so the client's parsing is
 * tested against the words a real server says. Where the reference only quotes a prefix, the rest
 * is marked as the emulator's own completion.
 */

/** Body of the 200-with-error answer for an unknown route (bug-tracker #618, #1323). */
export function unexpectedEndpoint(method: string, path: string): { error: string } {
  return { error: `Unexpected endpoint or method. (${method} ${path})` };
}

/** Formats bytes the way LM Studio's messages do ("21.34 GB"). */
export function formatGb(bytes: number): string {
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/**
 * The guardrail refusal (bug-tracker #1038, 0.3.27): the first two sentences are LM Studio's; the quoted
 * text ends in "…", so the last sentence reuses the 0.3.24 wording (#927).
 */
export function guardrailRefusal(requiredBytes: number): string {
  return (
    'Model loading was stopped due to insufficient system resources. ' +
    `Under the current settings, this model requires approximately ${formatGb(requiredBytes)} of memory. ` +
    'Overloading the system will likely cause it to freeze. ' +
    'If you believe this is a mistake, you can try to change the model loading guardrails in the settings.'
  );
}

/** A generic engine failure (bug-tracker #2295 shows `model_load_failed` with an engine SIGABRT). */
export function engineLoadFailure(key: string): string {
  return `Failed to load model "${key}". Error: model_load_failed: The model process crashed (SIGABRT).`;
}

/** The emulator's 401 body. The reference documents auth (Bearer tokens) but not the body; this is OpenAI-shaped. */
export function unauthorizedBody(hadToken: boolean): { error: { message: string; type: string; code: string } } {
  return {
    error: {
      message: hadToken
        ? 'Invalid API token. Create a token in Developer → Server Settings → Manage Tokens.'
        : 'This server requires an API token. Send it as "Authorization: Bearer <token>".',
      type: 'invalid_request_error',
      code: 'unauthorized',
    },
  };
}
