/**
 * An answer that failed in the quick chat, worded in the window's language from its code (contract
 * `ChatDone.failure.code`, the chat service's ChatErrorCode): what did not happen and what to do, from the
 * `chatFailure` catalog namespace, with the error's own message (the core's English, or LM Studio's words)
 * kept as the detail. A code it does not know (or none, when chat.send itself failed) reads as `failed`.
 */
import type { Translate } from '../i18n/translate';

const KEYS: Record<string, string> = {
  'model-not-loaded': 'chatFailure.modelNotLoaded',
  'not-running': 'chatFailure.notRunning',
  unauthorized: 'chatFailure.unauthorized',
  'not-lmstudio': 'chatFailure.notLmStudio',
  failed: 'chatFailure.failed',
};

/** The failed answer in the language of `t`. */
export function wordChatFailure(code: string | undefined, detail: string, t: Translate): string {
  // Own keys only: a code such as "toString" must not reach Object.prototype.
  return t(code && Object.hasOwn(KEYS, code) ? KEYS[code]! : KEYS.failed!, { detail });
}
