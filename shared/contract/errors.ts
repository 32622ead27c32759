/**
 * Errors that cross the app API: plain values with a code the UI can branch on and a message a
 * person can act on (what happened, what it means, what to do).
 */
import { z } from 'zod';

export const ApiErrorCodeSchema = z.enum([
  /** The input did not match the method's schema. */
  'invalid-input',
  /** The method name is not in the contract. */
  'unknown-method',
  /** The service behind the method is not running in this process (e.g. no energy ledger yet). */
  'unavailable',
  /** The thing asked for does not exist (a preset id, an instance id). */
  'not-found',
  /** The core declined on purpose (a preset that does not fit, a busy model). */
  'refused',
  /** The operation started and failed (LM Studio error, disk error). */
  'failed',
  'cancelled',
  /** The caller is not allowed (unknown sender, bad token). */
  'forbidden',
  /** A bug: the core threw something it did not expect. */
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

export const ApiErrorSchema = z.object({
  code: ApiErrorCodeSchema,
  message: z.string(),
  /** Validation issues for `invalid-input`: where and what. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /**
   * The failure as data (a `kind` and its figures, e.g. a RemoteAccessProblem) for a window to word in its
   * own language; `message` is its English wording.
   */
  problem: z.looseObject({ kind: z.string() }).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** What every transport carries back for a method call: the result, or an error value. */
export type ApiResponse<T> = { ok: true; result: T } | { ok: false; error: ApiError };

/** An error a handler throws on purpose; transports turn it into an `ApiError` value unchanged. */
export class AppApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues?: ApiError['issues'],
    readonly problem?: ApiError['problem'],
  ) {
    super(message);
    this.name = 'AppApiError';
  }

  /** The wire form of this error. */
  toJSON(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.problem ? { problem: this.problem } : {}),
    };
  }
}

/** Turn anything a handler threw into an `ApiError`; unexpected errors become `internal` with their message. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof AppApiError) return error.toJSON();
  const parsed = ApiErrorSchema.safeParse(error);
  if (parsed.success) return parsed.data;
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message: `Loadout hit an unexpected error: ${message}. Please report it with the steps that led here.`,
  };
}

/** Describe zod issues as `invalid-input` with paths a person can find in their input. */
export function invalidInputError(method: string, error: z.ZodError): AppApiError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
  const first = issues[0];
  const where = first ? ` ${first.path}: ${first.message}` : '';
  return new AppApiError('invalid-input', `${method} received input it cannot use:${where}.`, issues);
}

/** The error for a method whose service is not running in this process. */
export function unavailableError(method: string, service: string, what: string): AppApiError {
  return new AppApiError(
    'unavailable',
    `${method} is not available: the ${service} is not running in this Loadout process. ${what}`,
  );
}
