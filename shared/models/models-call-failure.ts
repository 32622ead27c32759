/**
 * A `models.*` call that failed outright (the core or the connection answered with an error, not a
 * models state), as data, and its words: a window words it from the `modelsCallFailure` catalog namespace
 * in its own language. `detail` is the error's own message (the core's English, or LM Studio's words),
 * kept as it is: it is what a support thread asks for.
 */
import type { Translate } from '../i18n/translate';

/** Which call failed, and the error's own message. */
export interface ModelsCallFailure {
  call: 'list' | 'unload' | 'unload-all';
  detail: string;
}

const KEYS: Record<ModelsCallFailure['call'], string> = {
  list: 'modelsCallFailure.list',
  unload: 'modelsCallFailure.unload',
  'unload-all': 'modelsCallFailure.unloadAll',
};

/** The failure in the language of `t`: what did not happen, what to do, then the error's own words. */
export function wordModelsCallFailure(failure: ModelsCallFailure, t: Translate): string {
  return t(KEYS[failure.call], { detail: failure.detail });
}
