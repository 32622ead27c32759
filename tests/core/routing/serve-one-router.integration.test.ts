/**
 * `loadout serve --openai` builds one router and one chat history for the whole process: the quick chat
 * (over the WebSocket API) and `/v1` decide on the same snapshot cache and keep to the same loadout.db handle.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator';
import { ApiSocket } from '../../support/server-harness';
import { startServe, type ServeHarness } from '../../support/serve-harness';

const built = vi.hoisted(() => ({ routers: 0, chatStores: 0 }));
vi.mock('../../../electron/core/routing/create-routing', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/core/routing/create-routing')>();
  return {
    ...real,
    createRoutingFeature: (...args: Parameters<typeof real.createRoutingFeature>) => (
      built.routers++,
      real.createRoutingFeature(...args)
    ),
  };
});
vi.mock('../../../electron/core/chat/chat-store', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/core/chat/chat-store')>();
  class CountedChatStore extends real.ChatStore {
    constructor(...args: ConstructorParameters<typeof real.ChatStore>) {
      super(...args);
      built.chatStores++;
    }
  }
  return { ...real, ChatStore: CountedChatStore };
});

let home: string;
let emu: LmStudioEmulator;
let serve: ServeHarness | null = null;
let socket: ApiSocket | null = null;

beforeEach(async () => {
  built.routers = 0;
  built.chatStores = 0;
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-one-router-'));
  emu = await createLmStudioEmulator({
    tokensPerSecond: 400,
    preload: [{ key: 'qwen2.5-7b-instruct', contextLength: 8192 }],
  });
});
afterEach(async () => {
  socket?.close();
  socket = null;
  await serve?.stop();
  serve = null;
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('loadout serve --openai', () => {
  it('routes the quick chat and /v1 with one router and one chat store', async () => {
    const env = {
      LOADOUT_HOME: home,
      LOADOUT_LMSTUDIO_URL: emu.url,
      LOADOUT_LMS: FAKE_LMS_PATH,
      LOADOUT_NVML: 'off',
      LOADOUT_NVIDIA_SMI: '/nonexistent',
      PATH: process.env.PATH,
      HOME: home,
    };
    serve = await startServe(['--openai'], env);
    socket = await ApiSocket.connect(Number(new URL(serve.url).port));
    const route = await socket.call('chat.route', { messages: [{ role: 'user', content: 'oi' }] });
    expect(route.result).toMatchObject({ choice: { modelKey: 'qwen2.5-7b-instruct' } });
    const client = new OpenAI({ baseURL: `${serve.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const answer = await client.chat.completions.create({
      model: 'auto',
      max_tokens: 3,
      messages: [{ role: 'user', content: 'oi' }],
    });
    expect(answer.choices[0]?.message.content?.length).toBeGreaterThan(0);
    const history = await socket.call('chat.history', {});
    expect(history.error).toBeUndefined();
    expect(built).toEqual({ routers: 1, chatStores: 1 });
  });
});
