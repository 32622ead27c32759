import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  answerTokens,
  createLmStudioEmulator,
  DEFAULT_CATALOG,
  FAKE_LMS_PATH,
  startEmulatorProcess,
  type EmulatorProcess,
  type LmStudioEmulator,
} from './';
import { parseEmulatorArgs } from './main';

const run = promisify(execFile);
let emulator: LmStudioEmulator | null = null;
let child: EmulatorProcess | null = null;
afterEach(async () => {
  await emulator?.close();
  await child?.close();
  emulator = null;
  child = null;
});

/** Runs the fake lms against a URL; resolves with its exit code and output (never rejects). */
async function lms(url: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(FAKE_LMS_PATH, args, { env: { ...process.env, LOADOUT_LMSTUDIO_URL: url } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the LM Studio emulator', () => {
  it('answers unknown routes with HTTP 200 and an error body, like LM Studio', async () => {
    emulator = await createLmStudioEmulator();
    const response = await fetch(`${emulator.url}/v1/models/unload`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ error: 'Unexpected endpoint or method. (POST /v1/models/unload)' });
  });

  it('answers the documented REST v1 load and unload shapes', async () => {
    emulator = await createLmStudioEmulator({ loadMsPerGb: 0 });
    const load = await fetch(`${emulator.url}/api/v1/models/load`, {
      method: 'POST',
      body: JSON.stringify({ model: 'phi-3.5-mini-instruct', context_length: 16384, echo_load_config: true }),
    });
    const loaded = (await load.json()) as Record<string, unknown>;
    expect(Object.keys(loaded).sort()).toEqual(['instance_id', 'load_config', 'load_time_seconds', 'status', 'type']);
    expect(loaded).toMatchObject({
      type: 'llm',
      instance_id: 'phi-3.5-mini-instruct',
      status: 'loaded',
      load_config: {
        context_length: 16384,
        eval_batch_size: 512,
        flash_attention: true,
        offload_kv_cache_to_gpu: true,
      },
    });
    const unload = await fetch(`${emulator.url}/api/v1/models/unload`, {
      method: 'POST',
      body: JSON.stringify({ instance_id: 'phi-3.5-mini-instruct' }),
    });
    expect(await unload.json()).toEqual({ instance_id: 'phi-3.5-mini-instruct' });
  });

  it('requires the token on REST and OpenAI routes but not on the greeting', async () => {
    emulator = await createLmStudioEmulator({ token: 'sk-lm-aaaaaaaa:bbbbbbbbbbbbbbbbbbbb' });
    expect((await fetch(`${emulator.url}/lmstudio-greeting`)).status).toBe(200);
    const denied = await fetch(`${emulator.url}/v1/models`);
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const allowed = await fetch(`${emulator.url}/v1/models`, {
      headers: { authorization: 'Bearer sk-lm-aaaaaaaa:bbbbbbbbbbbbbbbbbbbb' },
    });
    expect(allowed.status).toBe(200);
    emulator.control.set({ token: null });
    expect((await fetch(`${emulator.url}/v1/models`)).status).toBe(200);
  });

  it('delays loads in proportion to size', async () => {
    emulator = await createLmStudioEmulator({ loadMsPerGb: 100 });
    const time = async (model: string): Promise<number> => {
      const t0 = performance.now();
      await fetch(`${emulator!.url}/api/v1/models/load`, { method: 'POST', body: JSON.stringify({ model }) });
      return performance.now() - t0;
    };
    const small = await time('llama-3.2-1b-instruct');
    const large = await time('qwen2.5-7b-instruct');
    expect(small).toBeGreaterThanOrEqual(75);
    expect(large).toBeGreaterThanOrEqual(460);
    expect(large).toBeGreaterThan(small * 2);
  });

  it('unloads an instance once it has been idle for its TTL', async () => {
    emulator = await createLmStudioEmulator({ loadMsPerGb: 0 });
    expect((await lms(emulator.url, 'load', 'llama-3.2-1b-instruct', '--ttl', '1', '-y')).code).toBe(0);
    expect(emulator.state.instances.map((i) => i.id)).toEqual(['llama-3.2-1b-instruct']);
    await new Promise((r) => setTimeout(r, 1100));
    const listed = (await (await fetch(`${emulator.url}/api/v1/models`)).json()) as {
      models: Array<{ loaded_instances: unknown[] }>;
    };
    expect(listed.models.flatMap((m) => m.loaded_instances)).toEqual([]);
  });

  it('answers REST v1 chat with stats, and streams its documented events', async () => {
    emulator = await createLmStudioEmulator({
      loadMsPerGb: 0,
      tokensPerSecond: 1000,
      timeToFirstTokenMs: 0,
      preload: [{ key: 'llama-3.2-3b-instruct' }],
    });
    const plain = (await (
      await fetch(`${emulator.url}/api/v1/chat`, {
        method: 'POST',
        body: JSON.stringify({ model: 'llama-3.2-3b-instruct', input: 'hello', max_output_tokens: 8 }),
      })
    ).json()) as {
      model_instance_id: string;
      output: Array<{ type: string; content: string }>;
      stats: Record<string, number>;
      response_id: string;
    };
    expect(plain.model_instance_id).toBe('llama-3.2-3b-instruct');
    expect(plain.output).toEqual([{ type: 'message', content: answerTokens('hello', 8).join('') }]);
    expect(plain.stats).toMatchObject({ input_tokens: 2, total_output_tokens: 8, reasoning_output_tokens: 0 });
    expect(plain.response_id).toMatch(/^resp_/);
    const streamed = await (
      await fetch(`${emulator.url}/api/v1/chat`, {
        method: 'POST',
        body: JSON.stringify({
          model: 'llama-3.2-3b-instruct',
          input: [{ type: 'message', content: 'hi' }],
          max_output_tokens: 3,
          stream: true,
        }),
      })
    ).text();
    const events = [...streamed.matchAll(/^event: (.+)$/gm)].map((m) => m[1]);
    expect(events).toEqual([
      'chat.start',
      'prompt_processing.start',
      'prompt_processing.progress',
      'prompt_processing.end',
      'message.start',
      'message.delta',
      'message.delta',
      'message.delta',
      'message.end',
      'chat.end',
    ]);
  });

  it('runs as a child process with CLI flags (v0-only)', async () => {
    child = await startEmulatorProcess(['--v0-only', '--tps', '300', '--preload', 'llama-3.2-1b-instruct@2048']);
    const v1 = await fetch(`${child.url}/api/v1/models`);
    expect(await v1.json()).toEqual({ error: 'Unexpected endpoint or method. (GET /api/v1/models)' });
    const v0 = (await (await fetch(`${child.url}/api/v0/models/llama-3.2-1b-instruct`)).json()) as Record<
      string,
      unknown
    >;
    expect(v0).toMatchObject({ id: 'llama-3.2-1b-instruct', state: 'loaded', loaded_context_length: 2048 });
    const state = (await (await fetch(`${child.url}/__emulator/state`)).json()) as {
      tunables: { tokensPerSecond: number };
    };
    expect(state.tunables.tokensPerSecond).toBe(300);
  });

  it('parses its CLI flags and rejects unknown ones', () => {
    expect(
      parseEmulatorArgs(['--port', '0', '--token', 't', '--vram-gb', '8', '--ttft-ms', '40', '--jit']),
    ).toMatchObject({ port: 0, token: 't', vramGb: 8, timeToFirstTokenMs: 40, jit: true });
    expect(() => parseEmulatorArgs(['--bogus'])).toThrow(/unknown flag --bogus/);
    expect(() => parseEmulatorArgs(['--tps', 'fast'])).toThrow(/--tps needs a number/);
  });
});

describe('the fake lms CLI', () => {
  it('loads, lists and unloads like the real one, with real exit codes', async () => {
    emulator = await createLmStudioEmulator({ loadMsPerGb: 0 });
    const load = await lms(
      emulator.url,
      'load',
      'qwen2.5-7b-instruct',
      '--gpu',
      'max',
      '-c',
      '8192',
      '--ttl',
      '300',
      '--identifier',
      'dev',
      '-y',
    );
    expect(load.code).toBe(0);
    expect(load.stdout).toContain('To use the model in the API/SDK, use the identifier "dev".');
    const ps = await lms(emulator.url, 'ps');
    expect(ps.stdout).toMatch(/^IDENTIFIER\s+MODEL\s+STATUS\s+SIZE\s+CONTEXT\s+PARALLEL\s+DEVICE\s+TTL/);
    expect(ps.stdout).toMatch(/dev\s+qwen2\.5-7b-instruct\s+IDLE\s+4\.68 GB\s+8192\s+4\s+Local\s+300s/);
    const psJson = JSON.parse((await lms(emulator.url, 'ps', '--json')).stdout) as Array<Record<string, unknown>>;
    expect(psJson[0]).toMatchObject({
      identifier: 'dev',
      modelKey: 'qwen2.5-7b-instruct',
      status: 'idle',
      ttlMs: 300000,
      contextLength: 8192,
      queued: 0,
      parallel: 4,
    });
    expect(emulator.state.findInstance('dev')?.gpuOffload).toBe(1);
    const ls = await lms(emulator.url, 'ls');
    const total = DEFAULT_CATALOG.reduce((sum, m) => sum + m.sizeBytes, 0);
    expect(ls.stdout).toContain(`You have 10 models, taking up ${(total / 1e9).toFixed(2)} GB of disk space.`);
    expect(ls.stdout).toMatch(/deepseek-coder-33b-instruct\s+33B\s+llama\s+19\.94 GB/);
    expect((await lms(emulator.url, 'unload', 'nope')).code).toBe(1);
    expect((await lms(emulator.url, 'load', 'qwen2.5-7b-instruct', '--gpu', '2', '-y')).stderr).toContain(
      'Invalid --gpu value: 2',
    );
    expect((await lms(emulator.url, 'unload', '--all')).stdout).toBe('Unloaded 1 model(s).\n');
  });

  it('fails with exit 1 when LM Studio is not running', async () => {
    const result = await lms('http://127.0.0.1:9', 'ps', '--json');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Could not connect to LM Studio');
  });
});
