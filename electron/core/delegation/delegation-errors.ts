/** Delegation faults (not declines): what went wrong and what to do, with a code the faces map to theirs. */

export type DelegationErrorCode =
  /** The request cannot be used as sent (`field` names what to fix). */
  | 'invalid-input'
  /** A file outside `mcp.fileRoots`, too big, unreadable; a prompt over `mcp.maxPromptChars`. */
  | 'refused'
  /** LM Studio (or the machine the router chose) does not answer. */
  | 'unavailable'
  /** The answer failed (a model unloaded mid-answer, LM Studio refused the request). */
  | 'failed'
  | 'cancelled';

/** A delegation fault; `message` is the sentence to show the calling model. */
export class DelegationError extends Error {
  constructor(
    readonly code: DelegationErrorCode,
    message: string,
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DelegationError';
  }
}

/** The error for an ask cancelled by its caller. */
export function cancelledError(): DelegationError {
  return new DelegationError('cancelled', 'The ask was cancelled by its caller; nothing more was generated.');
}
