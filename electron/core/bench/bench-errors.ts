/** Benchmark failures a person can act on: what happened, what it means, what to do. */

export type BenchErrorCode =
  /** LM Studio does not answer at the configured URL. */
  | 'lmstudio-down'
  /** LM Studio wants an API token and ours is missing or wrong. */
  | 'unauthorized'
  /** The model key is not in LM Studio's catalog (not downloaded, or mistyped). */
  | 'not-downloaded'
  /** The model cannot generate text (an embedding model). */
  | 'not-generative'
  /** Loading was refused before anything changed (does not fit) or failed in LM Studio. */
  | 'load-failed'
  /** An answer failed halfway or the server refused the request. */
  | 'chat-failed'
  | 'cancelled'
  /** Another benchmark is running in this process. */
  | 'busy'
  /** The benchmark ran but its result could not be written to loadout.db. */
  | 'store-failed'
  /** No stored result with that id. */
  | 'not-found';

/** A benchmark failure; `message` is the sentence to show. */
export class BenchError extends Error {
  constructor(
    readonly code: BenchErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BenchError';
  }
}

/** True for a BenchError (optionally of the given code). */
export function isBenchError(value: unknown, code?: BenchErrorCode): value is BenchError {
  return value instanceof BenchError && (code === undefined || value.code === code);
}
