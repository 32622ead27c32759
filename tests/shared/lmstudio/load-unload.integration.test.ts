import { afterEach, describe, expect, it } from 'vitest';
import { CatalogModelSchema } from '../../../shared/lmstudio/types';
import { DEFAULT_CATALOG } from '../../emulator';
import { rejectionOf, startHarness, type Harness } from '../../support/client-harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('REST v1 models, load and unload', () => {
  it('lists the catalog with sizes, quantization and capabilities', async () => {
    harness = await startHarness();
    const models = await harness.client.listModels();
    expect(models.map((m) => m.key)).toEqual(DEFAULT_CATALOG.map((m) => m.key));
    for (const model of models) expect(CatalogModelSchema.safeParse(model).success).toBe(true);
    expect(models.find((m) => m.key === 'deepseek-coder-33b-instruct')).toMatchObject({
      type: 'llm',
      quantization: 'Q4_K_M',
      bitsPerWeight: 4,
      sizeBytes: 19_940_659_264,
      paramsString: '33B',
      maxContextLength: 16384,
      loadedInstances: [],
    });
    expect(models.find((m) => m.key === 'qwen2-vl-7b-instruct')?.type).toBe('vlm');
    expect(models.find((m) => m.key === 'text-embedding-nomic-embed-text-v1.5')?.type).toBe('embedding');
    expect(models.find((m) => m.key === 'mistral-7b-instruct-v0.3')?.quantization).toBe('F16');
  });

  it('loads with context and flash attention, then a second load of the same key becomes key:2', async () => {
    harness = await startHarness();
    const first = await harness.client.load({ key: 'qwen2.5-7b-instruct', contextLength: 8192, flashAttention: false });
    expect(first.via).toBe('rest-v1');
    expect(first.instance).toMatchObject({
      instanceId: 'qwen2.5-7b-instruct',
      contextLength: 8192,
      flashAttention: false,
      offloadKvCacheToGpu: true,
    });
    const second = await harness.client.load({ key: 'qwen2.5-7b-instruct' });
    expect(second.instance.instanceId).toBe('qwen2.5-7b-instruct:2');
    const loaded = await harness.client.listLoaded();
    expect(loaded.map((i) => [i.instanceId, i.contextLength])).toEqual([
      ['qwen2.5-7b-instruct', 8192],
      ['qwen2.5-7b-instruct:2', 4096],
    ]);
    // REST v1 carried these loads: lms was only asked for instance status.
    expect(harness.lmsCalls().map((argv) => argv.slice(0, 2))).toEqual([['ps', '--json']]);

    await harness.client.unload('qwen2.5-7b-instruct');
    expect((await harness.client.listLoaded()).map((i) => i.instanceId)).toEqual(['qwen2.5-7b-instruct:2']);
    const loads = harness.emulator.state.calls.filter((c) => c.path === '/api/v1/models/load');
    expect(loads).toHaveLength(2);
  });

  it('names an unknown model or instance as not-found', async () => {
    harness = await startHarness();
    const load = await rejectionOf(harness.client.load({ key: 'no-such-model' }));
    expect(load.code).toBe('not-found');
    expect(load.message).toContain('no-such-model');
    const unload = await rejectionOf(harness.client.unload('never-loaded'));
    expect(unload.code).toBe('not-found');
    expect(unload.message).toContain('never-loaded');
  });

  it('turns a guardrail refusal into a message naming the model and the memory it needs', async () => {
    harness = await startHarness({ vramGb: 12, ramGb: 8 });
    await harness.client.load({ key: 'qwen2.5-7b-instruct' });
    const error = await rejectionOf(harness.client.load({ key: 'deepseek-coder-33b-instruct', contextLength: 4096 }));
    expect(error.code).toBe('guardrail');
    expect(error.lmStudioMessage).toMatch(
      /^Model loading was stopped due to insufficient system resources\. Under the current settings, this model requires approximately 21\.05 GB of memory/,
    );
    expect(error.requiredBytes).toBe(21_050_000_000);
    expect(error.message).toContain(
      'LM Studio refused to load deepseek-coder-33b-instruct: it needs about 21.1 GB of memory',
    );
    expect((await harness.client.listLoaded()).map((i) => i.instanceId)).toEqual(['qwen2.5-7b-instruct']);
  });

  it("reports LM Studio's own words when the engine fails a load", async () => {
    harness = await startHarness();
    harness.emulator.control.failNthLoad(2);
    await harness.client.load({ key: 'llama-3.2-1b-instruct' });
    const error = await rejectionOf(harness.client.load({ key: 'llama-3.2-3b-instruct' }));
    expect(error.code).toBe('load-failed');
    expect(error.lmStudioMessage).toBe(
      'Failed to load model "llama-3.2-3b-instruct". Error: model_load_failed: The model process crashed (SIGABRT).',
    );
    expect(error.message).toContain('LM Studio failed to load llama-3.2-3b-instruct');
    expect((await harness.client.load({ key: 'llama-3.2-3b-instruct' })).instance.instanceId).toBe(
      'llama-3.2-3b-instruct',
    );
  });
});
