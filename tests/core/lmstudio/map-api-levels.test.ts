import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CatalogModelSchema } from '../../../shared/lmstudio/types';
import { readV0Models } from '../../../electron/core/lmstudio/map-v0';
import { readV1Models } from '../../../electron/core/lmstudio/map-v1';

/** The catalog a reader returns, or null when it refused the body. */
const mapV1Models = (body: unknown) => {
  const read = readV1Models(body);
  return read.ok ? read.value : null;
};
const mapV0Models = (body: unknown) => {
  const read = readV0Models(body);
  return read.ok ? read.value : null;
};

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/lmstudio/${name}`, import.meta.url), 'utf8'));

describe('REST v1 models → catalog', () => {
  it('maps the documented Gemma example with its loaded instance', () => {
    const models = mapV1Models(fixture('v1-models.json'));
    expect(models).not.toBeNull();
    const gemma = models?.[0];
    expect(gemma).toMatchObject({
      key: 'google/gemma-4-26b-a4b',
      displayName: 'Gemma 4 26B A4B',
      type: 'vlm',
      publisher: 'google',
      architecture: 'gemma4',
      quantization: 'Q4_K_M',
      bitsPerWeight: 4,
      sizeBytes: 17990911801,
      paramsString: '26B-A4B',
      format: 'gguf',
      maxContextLength: 262144,
      capabilities: { vision: true, toolUse: true, reasoning: true },
    });
    expect(gemma?.loadedInstances).toEqual([
      {
        instanceId: 'google/gemma-4-26b-a4b',
        modelKey: 'google/gemma-4-26b-a4b',
        contextLength: 4096,
        gpuOffload: null,
        ttlSeconds: null,
        flashAttention: true,
        offloadKvCacheToGpu: true,
        status: null,
      },
    ]);
    for (const model of models ?? []) expect(CatalogModelSchema.safeParse(model).success).toBe(true);
  });

  it('maps an embedding model without architecture or capabilities', () => {
    const embed = mapV1Models(fixture('v1-models.json'))?.[1];
    expect(embed).toMatchObject({
      type: 'embedding',
      architecture: null,
      paramsString: null,
      capabilities: { vision: false, toolUse: false, reasoning: false },
    });
  });

  it('returns null for a body that is not a models list, and refuses entries without a key', () => {
    expect(mapV1Models({ error: 'Unexpected endpoint or method. (GET /api/v1/models)' })).toBeNull();
    expect(mapV1Models('nonsense')).toBeNull();
    expect(mapV1Models({ models: [{ key: 'k', loaded_instances: [{ id: 'k' }] }] })).toEqual([
      expect.objectContaining({
        key: 'k',
        displayName: 'k',
        sizeBytes: null,
        loadedInstances: [expect.objectContaining({ instanceId: 'k', contextLength: null })],
      }),
    ]);
    const keyless = readV1Models({ models: [{ key: 'k' }, { display_name: 'no key' }] });
    expect(keyless.ok ? null : keyless.error.field).toBe('models[1].key');
  });
});

describe('REST v0 models → catalog', () => {
  it('maps types, state and loaded_context_length; sizes are unknown', () => {
    const models = mapV0Models(fixture('v0-models.json'));
    expect(models?.map((m) => [m.key, m.type, m.format])).toEqual([
      ['qwen2-vl-7b-instruct', 'vlm', 'mlx'],
      ['granite-3.0-2b-instruct', 'llm', 'gguf'],
      ['text-embedding-nomic-embed-text-v1.5', 'embedding', 'gguf'],
    ]);
    const granite = models?.[1];
    expect(granite).toMatchObject({
      sizeBytes: null,
      paramsString: null,
      quantization: 'Q4_K_M',
      architecture: 'granite',
      capabilities: { toolUse: true, vision: false },
    });
    expect(granite?.loadedInstances).toEqual([
      expect.objectContaining({ instanceId: 'granite-3.0-2b-instruct', contextLength: 4096 }),
    ]);
    expect(models?.[0]?.loadedInstances).toEqual([]);
    for (const model of models ?? []) expect(CatalogModelSchema.safeParse(model).success).toBe(true);
  });

  it('returns null for the 200-with-error answer', () => {
    expect(mapV0Models({ error: 'Unexpected endpoint or method. (GET /api/v0/models)' })).toBeNull();
  });
});
