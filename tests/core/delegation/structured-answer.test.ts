/** json_schema on an ask: what LM Studio is sent, and that only a valid answer passes as valid. */
import { describe, expect, it } from 'vitest';
import { compileAnswerSchema } from '../../../electron/core/delegation/structured-answer';

const person = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
  required: ['name'],
  additionalProperties: false,
};

describe('compileAnswerSchema', () => {
  it('sends the schema as response_format json_schema', () => {
    expect(compileAnswerSchema(person).responseFormat).toEqual({
      type: 'json_schema',
      json_schema: { name: 'answer', strict: true, schema: person },
    });
  });

  it('passes a valid answer with its parsed value, also inside a ```json fence', () => {
    const s = compileAnswerSchema(person);
    expect(s.check('{"name":"Ana","age":31}')).toEqual({ ok: true, value: { name: 'Ana', age: 31 } });
    expect(s.check('```json\n{"name":"Ana"}\n```')).toEqual({ ok: true, value: { name: 'Ana' } });
  });

  it('never passes text that is not JSON, or JSON that breaks the schema, for valid', () => {
    const s = compileAnswerSchema(person);
    expect(s.check('Sure! Here is the JSON: {"name":"Ana"}')).toEqual({ ok: false, problem: 'the answer is not JSON' });
    expect(s.check('{"name":"Ana","age":-1}')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('/age must be >= 0'),
    });
    expect(s.check('{"age":3,"extra":true}')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/must have required property 'name'.*must NOT have additional properties/),
    });
    expect(s.check('{"name":"Ana"')).toMatchObject({ ok: false });
  });

  it('follows a 2020-12 schema when its $schema says so', () => {
    const s = compileAnswerSchema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ type: 'string' }],
      items: false,
    });
    expect(s.check('["a"]')).toMatchObject({ ok: true });
    expect(s.check('["a", 2]')).toMatchObject({ ok: false });
  });

  it('refuses a schema it cannot use, naming json_schema', () => {
    expect(() => compileAnswerSchema({ type: 'nope' })).toThrow(
      expect.objectContaining({
        code: 'invalid-input',
        field: 'jsonSchema',
        message: expect.stringContaining('json_schema is not a JSON Schema'),
      }),
    );
  });
});
