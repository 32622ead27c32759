import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LmStudioShapeError } from '../../../electron/core/lmstudio/errors';
import { readLmsLs, readLmsPs } from '../../../electron/core/lmstudio/lms-output';
import { readV0Models } from '../../../electron/core/lmstudio/map-v0';
import { readV1Models } from '../../../electron/core/lmstudio/map-v1';
import { readBody, type BodyReading } from '../../../electron/core/lmstudio/schemas/read-body';
import { V1LoadAnswerSchema, V1UnloadAnswerSchema } from '../../../electron/core/lmstudio/schemas/v1-bodies';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/lmstudio/${name}`, import.meta.url), 'utf8'));
const clone = <T>(value: T): T => structuredClone(value);

/** The value of a reading that must have succeeded. */
function valueOf<T>(reading: BodyReading<T>): T {
  if (!reading.ok) throw reading.error;
  return reading.value;
}

/** The error of a reading that must have failed. */
function errorOf(reading: BodyReading<unknown>): LmStudioShapeError {
  if (reading.ok) throw new Error('expected the body to be refused');
  return reading.error;
}

// The documented answers (reference §2.4): load with echo_load_config, and unload.
const documentedLoad = {
  type: 'llm',
  instance_id: 'openai/gpt-oss-20b',
  load_time_seconds: 9.099,
  status: 'loaded',
  load_config: {
    context_length: 16384,
    eval_batch_size: 512,
    flash_attention: true,
    offload_kv_cache_to_gpu: true,
    num_experts: 4,
  },
};
const readLoad = (body: unknown) => readBody(V1LoadAnswerSchema, body, '/api/v1/models/load');
const readUnload = (body: unknown) => readBody(V1UnloadAnswerSchema, body, '/api/v1/models/unload');

describe('GET /api/v1/models', () => {
  const body = fixture('v1-models.json') as { models: Array<Record<string, unknown>> };

  it('reads the documented body, extra fields and all', () => {
    expect(valueOf(readV1Models(body)).map((m) => m.key)).toEqual([
      'google/gemma-4-26b-a4b',
      'text-embedding-nomic-embed-text-v1.5',
    ]);
    const extra = clone(body);
    Object.assign(extra.models[0] as object, { a_field_from_lm_studio_0_5: { nested: [1, 2] } });
    expect(valueOf(readV1Models({ ...extra, next_page: null }))).toEqual(valueOf(readV1Models(body)));
  });

  it('tolerates missing optional fields', () => {
    const bare = valueOf(readV1Models({ models: [{ key: 'k' }] }))[0];
    expect(bare).toMatchObject({
      key: 'k',
      displayName: 'k',
      type: 'llm',
      sizeBytes: null,
      quantization: null,
      bitsPerWeight: null,
      format: null,
      loadedInstances: [],
    });
    const noConfig = valueOf(readV1Models({ models: [{ key: 'k', loaded_instances: [{ id: 'k:2' }] }] }))[0];
    expect(noConfig?.loadedInstances).toEqual([
      expect.objectContaining({ instanceId: 'k:2', contextLength: null, flashAttention: null }),
    ]);
  });

  it('names a wrong-typed required field and says what to do', () => {
    const wrong = clone(body);
    wrong.models.push({ key: 'ok' }, { key: 42 });
    const error = errorOf(readV1Models(wrong));
    expect(error).toBeInstanceOf(LmStudioShapeError);
    expect(error.code).toBe('bad-response');
    expect(error.field).toBe('models[3].key');
    expect(error.message).toBe(
      "LM Studio's /api/v1/models answer is not what Loadout expects: models[3].key: expected text (found a number). Update LM Studio (and its lms CLI), or report this with LM Studio's version.",
    );
    const instance = clone(body);
    (instance.models[0]?.loaded_instances as Array<Record<string, unknown>>)[0]!.config = { context_length: '4096' };
    expect(errorOf(readV1Models(instance)).field).toBe('models[0].loaded_instances[0].config.context_length');
    expect(errorOf(readV1Models({ error: 'Unexpected endpoint or method. (GET /api/v1/models)' })).message).toContain(
      'models: expected a list (found nothing)',
    );
  });
});

describe('POST /api/v1/models/load and /unload', () => {
  it('reads the documented answers, extra fields and all', () => {
    expect(valueOf(readLoad(documentedLoad))).toEqual({
      instance_id: 'openai/gpt-oss-20b',
      load_time_seconds: 9.099,
      load_config: { context_length: 16384, flash_attention: true, offload_kv_cache_to_gpu: true },
    });
    expect(valueOf(readUnload({ instance_id: 'openai/gpt-oss-20b', unloaded_at: 'now' }))).toEqual({
      instance_id: 'openai/gpt-oss-20b',
    });
  });

  it('tolerates a load answer without load_config or load time (echo_load_config off, older builds)', () => {
    expect(valueOf(readLoad({ instance_id: 'm' }))).toEqual({ instance_id: 'm' });
  });

  it('names a missing or wrong-typed instance_id', () => {
    expect(errorOf(readLoad({ ...documentedLoad, instance_id: undefined })).message).toContain(
      '/api/v1/models/load answer is not what Loadout expects: instance_id: expected text (found nothing)',
    );
    expect(errorOf(readLoad({ ...documentedLoad, load_config: { flash_attention: 'yes' } })).field).toBe(
      'load_config.flash_attention',
    );
    expect(errorOf(readUnload({ instance_id: ['a'] })).message).toContain('instance_id: expected text (found a list)');
  });
});

describe('GET /api/v0/models', () => {
  const body = fixture('v0-models.json') as { data: Array<Record<string, unknown>> };

  it('reads the documented body, extra fields and all', () => {
    const extra = clone(body);
    Object.assign(extra.data[0] as object, { size_bytes: 123, runtime: 'mlx' });
    expect(valueOf(readV0Models(extra)).map((m) => m.key)).toEqual([
      'qwen2-vl-7b-instruct',
      'granite-3.0-2b-instruct',
      'text-embedding-nomic-embed-text-v1.5',
    ]);
  });

  it('tolerates the fields only some builds send being absent', () => {
    expect(valueOf(readV0Models({ data: [{ id: 'm', state: 'loaded' }] }))[0]).toMatchObject({
      key: 'm',
      quantization: null,
      maxContextLength: null,
      loadedInstances: [expect.objectContaining({ instanceId: 'm', contextLength: null })],
    });
  });

  it('names a wrong-typed required field', () => {
    const wrong = clone(body);
    wrong.data[1]!.id = null;
    expect(errorOf(readV0Models(wrong)).message).toContain(
      "LM Studio's /api/v0/models answer is not what Loadout expects: data[1].id: expected text (found null)",
    );
    wrong.data[1]!.id = 'granite';
    wrong.data[1]!.max_context_length = 'large';
    expect(errorOf(readV0Models(wrong)).field).toBe('data[1].max_context_length');
  });
});

describe('lms ps --json and lms ls --json', () => {
  const ps = fixture('lms-ps.json') as Array<Record<string, unknown>>;

  it('reads the documented `lms ps --json`, extra fields and all', () => {
    const extra = [{ ...ps[0], loraAdapters: [], deviceIdentifier: 'link-1' }];
    expect(valueOf(readLmsPs(JSON.stringify(extra)))).toEqual(valueOf(readLmsPs(JSON.stringify(ps))));
    expect(valueOf(readLmsPs(JSON.stringify(ps)))[0]).toMatchObject({
      identifier: 'qwen/qwen3-4b-2507',
      status: 'generating',
      ttlSeconds: 3600,
    });
  });

  it('tolerates an older lms without status, queued or ttlMs', () => {
    const { status: _s, queued: _q, ttlMs: _t, ...older } = ps[0]!;
    expect(valueOf(readLmsPs(JSON.stringify([older])))[0]).toMatchObject({
      status: null,
      queued: null,
      ttlSeconds: null,
      contextLength: 8192,
    });
  });

  it('names a wrong-typed identifier, and says when lms printed no JSON at all', () => {
    const error = errorOf(readLmsPs(JSON.stringify([{ ...ps[0], identifier: 7 }])));
    expect(error.message).toContain(
      "LM Studio's `lms ps --json` answer is not what Loadout expects: [0].identifier: expected text (found a number)",
    );
    expect(errorOf(readLmsPs('No models are currently loaded.')).message).toContain(
      'the answer: expected JSON (found text)',
    );
  });

  it('reads `lms ls --json` and names a wrong-typed path', () => {
    const entry = {
      type: 'llm',
      modelKey: 'a',
      format: 'gguf',
      displayName: 'A',
      path: 'pub/a.gguf',
      sizeBytes: 10,
      vision: false,
    };
    expect(valueOf(readLmsLs(JSON.stringify([entry, { modelKey: 'b', path: 'b.gguf' }]), '/m'))).toEqual([
      { modelKey: 'a', path: 'pub/a.gguf', absolutePath: '/m/pub/a.gguf', sizeBytes: 10 },
      { modelKey: 'b', path: 'b.gguf', absolutePath: '/m/b.gguf', sizeBytes: null },
    ]);
    expect(errorOf(readLmsLs(JSON.stringify([{ ...entry, path: 3 }]), '/m')).field).toBe('[0].path');
  });
});
