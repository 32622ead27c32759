/**
 * Reads an LM Studio body with a zod schema of its documented shape. Extra fields are dropped and
 * missing optional ones are fine; anything else becomes an LmStudioShapeError that names the field
 * and what was found there (never its value: a body may carry a path or a token by mistake).
 */
import { z } from 'zod';
import { LmStudioShapeError } from '../errors';

/** A body read: the value, or the error to throw (parsers never throw; the level decides). */
export type BodyReading<T> = { ok: true; value: T } | { ok: false; error: LmStudioShapeError };

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

/** What a JSON value is, in words, without its content. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value === '' ? 'empty text' : 'text';
  if (typeof value === 'boolean') return 'true/false';
  if (typeof value === 'number') return 'a number';
  return 'an object';
}

/** One zod issue in words: "expected text (found a number)". */
const describeIssue: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type')
    return `expected ${EXPECTED[issue.expected] ?? issue.expected} (found ${describeValue(issue.input)})`;
  if (issue.code === 'too_small' && issue.origin === 'string')
    return `expected text (found ${describeValue(issue.input)})`;
  if (issue.code === 'invalid_union') return `expected another shape (found ${describeValue(issue.input)})`;
  return undefined;
};

/** Parse `body` with `schema`; `source` names the answer in the error ("/api/v1/models", "`lms ps --json`"). */
export function readBody<S extends z.ZodType>(schema: S, body: unknown, source: string): BodyReading<z.output<S>> {
  const result = schema.safeParse(body, { error: describeIssue });
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? z.core.toDotPath(issue.path) : 'the answer';
  return { ok: false, error: new LmStudioShapeError(source, field, issue?.message ?? 'unreadable') };
}
