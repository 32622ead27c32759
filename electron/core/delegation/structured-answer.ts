/**
 * `json_schema` on an ask: the schema goes to LM Studio's structured output (response_format json_schema),
 * and the answer is checked against it here with Ajv, because a server that ignores response_format (or a
 * model cut at max_tokens) can still return text that is not valid: such an answer never passes for valid.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import { DelegationError } from './delegation-errors';

/** A compiled answer schema: what to send, and how to judge the answer. */
export interface AnswerSchema {
  responseFormat: ResponseFormatJSONSchema;
  /** The parsed value when valid, else the problem in one line. */
  check(text: string): { ok: true; value: unknown } | { ok: false; problem: string };
}

/** Compile `schema` (draft-07 by default; 2020-12 when its `$schema` says so); a schema Ajv cannot use throws DelegationError('invalid-input'). */
export function compileAnswerSchema(schema: Record<string, unknown>): AnswerSchema {
  const draft2020 = typeof schema.$schema === 'string' && /2020-12|2019-09/.test(schema.$schema);
  // strict off: agents send schemas with keywords Ajv does not know (titles, examples of their own); they are ignored, not fatal.
  const ajv = draft2020 ? new Ajv2020({ strict: false, allErrors: true }) : new Ajv({ strict: false, allErrors: true });
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new DelegationError(
      'invalid-input',
      `json_schema is not a JSON Schema Loadout can use: ${error instanceof Error ? error.message : String(error)}. Send a draft-07 or 2020-12 schema.`,
      'jsonSchema',
    );
  }
  return {
    responseFormat: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema } },
    check(text) {
      let value: unknown;
      try {
        value = JSON.parse(stripFence(text));
      } catch {
        return { ok: false, problem: 'the answer is not JSON' };
      }
      if (validate(value)) return { ok: true, value };
      const problems = (validate.errors ?? [])
        .slice(0, 3)
        .map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
      return { ok: false, problem: `the answer does not match json_schema: ${problems.join('; ')}` };
    },
  };
}

/** Models sometimes wrap JSON in a ```json fence even under structured output; the fence is not part of the value. */
function stripFence(text: string): string {
  const m = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/.exec(text);
  return m ? m[1]! : text;
}
