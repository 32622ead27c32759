/** The OpenAI-compatible endpoint of `loadout serve --openai`, driven by the official openai client as a black box. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openChatStore } from '../../../electron/core/chat/open-chat-store';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator';
import { startServe, type ServeHarness } from '../../support/serve-harness';

let home: string;
let emu: LmStudioEmulator;
let serve: ServeHarness | null = null;
const env = () => ({
  LOADOUT_HOME: home,
  LOADOUT_LMSTUDIO_URL: emu.url,
  LOADOUT_LMS: FAKE_LMS_PATH,
  LOADOUT_NVML: 'off',
  LOADOUT_NVIDIA_SMI: '/nonexistent',
  PATH: process.env.PATH,
  HOME: home,
});
const client = (apiKey = 'anything') => new OpenAI({ baseURL: `${serve!.url}/v1`, apiKey, maxRetries: 0 });

beforeEach(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-openai-'));
  emu = await createLmStudioEmulator({
    tokensPerSecond: 400,
    preload: [
      { key: 'qwen2.5-coder-14b-instruct', contextLength: 8192 },
      { key: 'llama-3.2-3b-instruct', contextLength: 8192 },
    ],
  });
});
afterEach(async () => {
  await serve?.stop();
  serve = null;
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('OpenAI-compatible endpoint', () => {
  it('is off unless asked for', async () => {
    serve = await startServe([], env());
    const error = await client()
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(serve.output()).not.toMatch(/OpenAI-compatible endpoint/);
  });

  it('lists the loaded models plus auto', async () => {
    serve = await startServe(['--openai'], env());
    expect(serve.output()).toMatch(/OpenAI-compatible endpoint: http:\/\/127\.0\.0\.1:\d+\/v1/);
    const ids: string[] = [];
    for await (const m of client().models.list()) ids.push(m.id);
    expect(ids).toEqual(['auto', 'qwen2.5-coder-14b-instruct', 'llama-3.2-3b-instruct']);
  });

  it('routes model "auto" and streams, with the decision in the headers', async () => {
    serve = await startServe(['--openai'], env());
    const { data: stream, response } = await client()
      .chat.completions.create({
        model: 'auto',
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: 20,
        messages: [{ role: 'user', content: '```py\nprint(x)\n```\nNameError: x is not defined — why?' }],
      })
      .withResponse();
    expect(response.headers.get('x-loadout-model')).toBe('qwen2.5-coder-14b-instruct');
    expect(response.headers.get('x-loadout-machine')).toBe('local');
    expect(response.headers.get('x-loadout-reason')).toBe(
      'code detected -> qwen2.5-coder-14b-instruct, coder model, loaded, 8k context fits',
    );
    expect(response.headers.get('x-loadout-task')).toBe('code');
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text.length).toBeGreaterThan(10);
    expect(usage?.completion_tokens).toBe(20);
    // Measured and kept as routing evidence (no prompt text), and the decision is in the routing log.
    await expect
      .poll(() => {
        const { opened, store } = openChatStore(home);
        try {
          return store.answerSamples();
        } finally {
          opened.close();
        }
      })
      .toMatchObject([{ modelKey: 'qwen2.5-coder-14b-instruct', task: 'code' }]);
    const { opened, store } = openChatStore(home);
    expect(store.answerSamples()[0]!.tokensPerSecond).toBeGreaterThan(0);
    expect(store.routingLog()[0]).toMatchObject({
      origin: 'endpoint',
      task: 'code',
      model: 'qwen2.5-coder-14b-instruct',
    });
    expect(store.listConversations()).toEqual([]);
    opened.close();
    expect(emu.state.calls.filter((c) => c.path === '/v1/chat/completions')).toHaveLength(1);
  });

  it('answers without streaming too', async () => {
    serve = await startServe(['--openai'], env());
    const { data, response } = await client()
      .chat.completions.create({
        model: 'auto',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'Capital do Peru?' }],
      })
      .withResponse();
    expect(response.headers.get('x-loadout-model')).toBe('llama-3.2-3b-instruct');
    // Sent whole with its length, not chunked (a chunked body costs the client a slower read).
    expect(response.headers.get('transfer-encoding')).toBeNull();
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(JSON.stringify(data)));
    expect(data.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(data.usage?.completion_tokens).toBe(5);
    expect(data.model).toBe('llama-3.2-3b-instruct');
  });

  it("passes any other model through, and LM Studio's own error when it is not loaded", async () => {
    serve = await startServe(['--openai'], env());
    const { data, response } = await client()
      .chat.completions.create({
        model: 'llama-3.2-3b-instruct',
        max_tokens: 3,
        messages: [{ role: 'user', content: '```js\nx()\n```' }],
      })
      .withResponse();
    expect(data.model).toBe('llama-3.2-3b-instruct');
    expect(response.headers.get('x-loadout-reason')).toBe('chosen by you -> llama-3.2-3b-instruct, loaded');
    const error = await client()
      .chat.completions.create({ model: 'deepseek-coder-33b-instruct', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as Error).message).toMatch(/not loaded/);
  });

  it('says why when nothing can answer', async () => {
    await emu.close();
    emu = await createLmStudioEmulator();
    serve = await startServe(['--openai'], env());
    const error = await client()
      .chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hello' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    expect((error as Error).message).toMatch(/could not route this request: .*no model fits/);
  });

  it('requires the token when one is set (always, off loopback)', async () => {
    serve = await startServe(['--openai', '--token', 'a-long-enough-token-123'], env());
    const denied = await client('wrong-key')
      .models.list()
      .catch((e: unknown) => e);
    expect((denied as InstanceType<typeof OpenAI.APIError>).status).toBe(401);
    const ok = await client('a-long-enough-token-123').chat.completions.create({
      model: 'auto',
      max_tokens: 2,
      messages: [{ role: 'user', content: 'oi' }],
    });
    expect(ok.choices[0]?.message.content?.length).toBeGreaterThan(0);
  });

  it("LM Studio going down mid-stream cuts the client's stream too, so it sees the failure", async () => {
    serve = await startServe(['--openai'], env());
    emu.control.dropNextStreamAfter(3);
    const stream = await client().chat.completions.create({
      model: 'auto',
      stream: true,
      max_tokens: 50,
      messages: [{ role: 'user', content: 'Write a haiku about the sea, please.' }],
    });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(text.length).toBeGreaterThan(0);
  });

  it('a client that goes away cancels the upstream answer', async () => {
    serve = await startServe(['--openai'], env());
    emu.control.set({ tokensPerSecond: 20 });
    const controller = new AbortController();
    const stream = await client().chat.completions.create(
      {
        model: 'auto',
        stream: true,
        max_tokens: 400,
        messages: [
          { role: 'user', content: 'Write a long story about a lighthouse keeper and the sea, in detail please.' },
        ],
      },
      { signal: controller.signal },
    );
    let n = 0;
    for await (const _chunk of stream) if (++n === 3) controller.abort();
    await expect.poll(() => emu.state.instances.every((i) => i.activeRequests === 0), { timeout: 5000 }).toBe(true);
  });
});
