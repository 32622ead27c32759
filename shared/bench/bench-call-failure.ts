/**
 * A `bench.*` call from the monitor's Benchmarks view that failed outright (the core or the connection
 * answered with an error), as data, and its words: the window words it from the `benchCallFailure` catalog
 * namespace in its own language. `detail` is the error's own message (the core's English, or LM Studio's
 * words), kept as it is.
 */
import type { Translate } from '../i18n/translate';

/** Which call failed, and the error's own message. */
export interface BenchCallFailure {
  call: 'list' | 'run' | 'rate' | 'delete' | 'export';
  detail: string;
}

/** The failure in the language of `t`: what did not happen, what to do, then the error's own words. */
export function wordBenchCallFailure(failure: BenchCallFailure, t: Translate): string {
  return t(`benchCallFailure.${failure.call}`, { detail: failure.detail });
}
