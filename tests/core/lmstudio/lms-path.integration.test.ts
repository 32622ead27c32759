import { afterEach, describe, expect, it } from 'vitest';
import { rejectionOf, startHarness, type Harness } from '../../support/client-harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('loading through the lms CLI', () => {
  it('passes --gpu, -c, --ttl, --identifier and -y, then reads the instance back', async () => {
    harness = await startHarness();
    const result = await harness.client.load({
      key: 'codellama-13b-instruct',
      gpuOffload: 0.5,
      contextLength: 8192,
      ttlSeconds: 900,
      identifier: 'agent-coder',
    });
    expect(result.via).toBe('lms');
    const loadCall = harness.lmsCalls().find((argv) => argv[0] === 'load');
    expect(loadCall?.slice(0, 11)).toEqual([
      'load',
      'codellama-13b-instruct',
      '--gpu',
      '0.5',
      '-c',
      '8192',
      '--ttl',
      '900',
      '--identifier',
      'agent-coder',
      '-y',
    ]);
    expect(loadCall?.slice(11)).toEqual(['--host', '127.0.0.1', '--port', String(harness.emulator.port)]);
    expect(result.instance).toMatchObject({
      instanceId: 'agent-coder',
      modelKey: 'codellama-13b-instruct',
      contextLength: 8192,
      gpuOffload: 0.5,
      ttlSeconds: 900,
      status: 'idle',
    });
    // The emulator got exactly what lms asked for.
    expect(harness.emulator.state.findInstance('agent-coder')).toMatchObject({
      gpuOffload: 0.5,
      ttlSeconds: 900,
      contextLength: 8192,
      loadedVia: 'lms',
    });
    // And the listing keeps what REST v1 cannot report.
    const listed = (await harness.client.listLoaded()).find((i) => i.instanceId === 'agent-coder');
    expect(listed).toMatchObject({ gpuOffload: 0.5, ttlSeconds: 900, status: 'idle' });
  });

  it('picks up the key:2 identifier lms prints when none was asked for', async () => {
    harness = await startHarness();
    await harness.client.load({ key: 'llama-3.2-1b-instruct' });
    const second = await harness.client.load({ key: 'llama-3.2-1b-instruct', gpuOffload: 'off' });
    expect(second.instance).toMatchObject({ instanceId: 'llama-3.2-1b-instruct:2', gpuOffload: 'off' });
    expect(harness.emulator.state.findInstance('llama-3.2-1b-instruct:2')?.gpuOffload).toBe(0);
  });

  it('reports the guardrail refusal lms prints', async () => {
    harness = await startHarness({ vramGb: 4, ramGb: 4 });
    const error = await rejectionOf(harness.client.load({ key: 'qwen2.5-coder-14b-instruct', gpuOffload: 'max' }));
    expect(error.code).toBe('guardrail');
    expect(error.message).toContain('qwen2.5-coder-14b-instruct');
    expect(error.lmStudioMessage).toMatch(/^Model loading was stopped due to insufficient system resources/);
  });

  it('says lms is missing when a load needs it and it is nowhere', async () => {
    harness = await startHarness({}, { lms: false, env: { PATH: '/nonexistent' } });
    const error = await rejectionOf(harness.client.load({ key: 'qwen2.5-7b-instruct', ttlSeconds: 60 }));
    expect(error.code).toBe('lms-missing');
    expect(error.message).toContain('LOADOUT_LMS');
    const caps = await harness.client.capabilities();
    expect(caps.lmsAvailable).toBe(false);
    expect(caps.limitations[0]).toContain('lms CLI not found');
    // Plain loads still work over REST, status stays unknown.
    const plain = await harness.client.load({ key: 'qwen2.5-7b-instruct' });
    expect(
      (await harness.client.listLoaded()).find((i) => i.instanceId === plain.instance.instanceId)?.status,
    ).toBeNull();
  });

  it('lists local files with absolute paths under the models folder', async () => {
    harness = await startHarness();
    const files = await harness.client.listLocalFiles();
    expect(files).toHaveLength(10);
    const deepseek = files.find((f) => f.modelKey === 'deepseek-coder-33b-instruct');
    expect(deepseek?.absolutePath).toBe(
      `${harness.home}/.lmstudio/models/TheBloke/deepseek-coder-33B-instruct-GGUF/deepseek-coder-33b-instruct.Q4_K_M.gguf`,
    );
    const models = await harness.client.listModels({ includePaths: true });
    expect(models.find((m) => m.key === 'deepseek-coder-33b-instruct')?.path).toBe(deepseek?.absolutePath);
  });

  it('sees a model generating while a chat streams, and idle afterwards', async () => {
    harness = await startHarness({ tokensPerSecond: 100, timeToFirstTokenMs: 0 });
    await harness.client.load({ key: 'qwen2.5-7b-instruct' });
    const response = await fetch(`${harness.emulator.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({
        model: 'qwen2.5-7b-instruct',
        messages: [{ role: 'user', content: 'count' }],
        max_tokens: 150,
        stream: true,
      }),
    });
    const reader = response.body!.getReader();
    await reader.read();
    expect((await harness.client.listProcesses())[0]?.status).toBe('generating');
    expect((await harness.client.listLoaded())[0]?.status).toBe('generating');
    while (!(await reader.read()).done) {
      /* drain */
    }
    expect((await harness.client.listLoaded())[0]?.status).toBe('idle');
  });
});

describe('LM Studio 0.3.x (v0 + lms)', () => {
  it('lists from /api/v0, loads and unloads through lms, with key:2 instances', async () => {
    harness = await startHarness({ v0Only: true });
    const models = await harness.client.listModels();
    expect(models.find((m) => m.key === 'deepseek-coder-33b-instruct')).toMatchObject({
      sizeBytes: null,
      quantization: 'Q4_K_M',
      loadedInstances: [],
    });
    const first = await harness.client.load({ key: 'qwen2.5-7b-instruct', contextLength: 8192 });
    const second = await harness.client.load({ key: 'qwen2.5-7b-instruct' });
    expect([first.via, first.instance.instanceId, second.instance.instanceId]).toEqual([
      'lms',
      'qwen2.5-7b-instruct',
      'qwen2.5-7b-instruct:2',
    ]);
    const loaded = await harness.client.listLoaded();
    expect(loaded.map((i) => [i.instanceId, i.contextLength, i.status])).toEqual([
      ['qwen2.5-7b-instruct', 8192, 'idle'],
      ['qwen2.5-7b-instruct:2', 4096, 'idle'],
    ]);
    await harness.client.unload('qwen2.5-7b-instruct');
    expect(
      harness
        .lmsCalls()
        .filter((a) => a[0] === 'unload')
        .map((a) => a.slice(0, 2)),
    ).toEqual([['unload', 'qwen2.5-7b-instruct']]);
    expect((await harness.client.listLoaded()).map((i) => i.instanceId)).toEqual(['qwen2.5-7b-instruct:2']);
    expect(harness.emulator.state.calls.some((c) => c.path.startsWith('/api/v1/models/'))).toBe(false);
    const missing = await rejectionOf(harness.client.unload('gone'));
    expect(missing.code).toBe('not-found');
  });

  it('cannot load at all on 0.3.x without lms, and says so', async () => {
    harness = await startHarness({ v0Only: true }, { lms: false, env: { PATH: '/nonexistent' } });
    expect(await harness.client.load({ key: 'qwen2.5-7b-instruct' }).catch((e: { code: string }) => e.code)).toBe(
      'lms-missing',
    );
    expect((await harness.client.capabilities()).limitations[0]).toContain(
      'no REST load/unload and the lms CLI was not found',
    );
  });
});
