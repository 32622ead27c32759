/**
 * A `presets.*` call from the settings window that failed outright (the core or the connection answered
 * with an error), as data, and its words: the window words it from the `presetsCallFailure` catalog
 * namespace in its own language. `detail` is the error's own message, kept as it is.
 */
import type { Translate } from '../i18n/translate';

/** Which call failed, and the error's own message. */
export interface PresetsCallFailure {
  call: 'list' | 'duplicate' | 'reorder' | 'export' | 'pin' | 'delete' | 'save' | 'import' | 'plan' | 'apply';
  detail: string;
}

/** The failure in the language of `t`: what did not happen, what to do, then the error's own words. */
export function wordPresetsCallFailure(failure: PresetsCallFailure, t: Translate): string {
  return t(`presetsCallFailure.${failure.call}`, { detail: failure.detail });
}
