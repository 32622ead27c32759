/** The tray app's stand-alone OpenAI-compatible endpoint: loopback, gated, token when asked, openai client as black box. */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import {
  startOpenAiEndpointServer,
  type OpenAiEndpointServer,
} from '../../../electron/core/routing/openai-endpoint-server';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator';

let home: string;
let emu: LmStudioEmulator;
let core: AppCore;
let server: OpenAiEndpointServer | null = null;

beforeEach(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-endpoint-'));
  emu = await createLmStudioEmulator({
    tokensPerSecond: 400,
    preload: [{ key: 'qwen2.5-7b-instruct', contextLength: 8192 }],
  });
  const env = {
    LOADOUT_HOME: home,
    LOADOUT_LMSTUDIO_URL: emu.url,
    LOADOUT_LMS: FAKE_LMS_PATH,
    LOADOUT_NVML: 'off',
    LOADOUT_NVIDIA_SMI: '/nonexistent',
    PATH: process.env.PATH,
    HOME: home,
  };
  core = createAppCore({ env });
});
afterEach(async () => {
  await server?.close();
  server = null;
  await core.dispose();
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('OpenAI endpoint server', () => {
  it('answers an openai client on loopback with the routed model', async () => {
    server = await startOpenAiEndpointServer({ core, port: 0 });
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const client = new OpenAI({ baseURL: server.baseUrl, apiKey: 'x', maxRetries: 0 });
    const { data, response } = await client.chat.completions
      .create({ model: 'auto', max_tokens: 3, messages: [{ role: 'user', content: 'oi' }] })
      .withResponse();
    expect(response.headers.get('x-loadout-model')).toBe('qwen2.5-7b-instruct');
    expect(data.choices[0]?.message.content?.length).toBeGreaterThan(0);
  });

  it('checks the token when one is set, and refuses other Hosts (DNS rebinding)', async () => {
    server = await startOpenAiEndpointServer({ core, port: 0, token: 'a-long-enough-token-123' });
    const denied = await new OpenAI({ baseURL: server.baseUrl, apiKey: 'nope', maxRetries: 0 }).models
      .list()
      .catch((e: unknown) => e);
    expect((denied as InstanceType<typeof OpenAI.APIError>).status).toBe(401);
    const ids: string[] = [];
    for await (const m of new OpenAI({
      baseURL: server.baseUrl,
      apiKey: 'a-long-enough-token-123',
      maxRetries: 0,
    }).models.list())
      ids.push(m.id);
    expect(ids).toEqual(['auto', 'qwen2.5-7b-instruct']);
    // fetch drops a custom Host header (a forbidden header name), so ask with node:http as a rebinding page's browser would arrive.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${server!.baseUrl}/models`,
        { headers: { Host: 'evil.example:80', Authorization: 'Bearer a-long-enough-token-123' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('answers 408 to a request body that arrives too slowly (short limits injected)', async () => {
    server = await startOpenAiEndpointServer({
      core,
      port: 0,
      limits: { headersTimeoutMs: 300, requestTimeoutMs: 400 },
    });
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server!.port, '127.0.0.1');
      let received = '';
      socket.on('data', (d: Buffer) => (received += d.toString()));
      socket.on('error', reject);
      socket.on('close', () => {
        clearInterval(drip);
        resolve(received);
      });
      socket.write(
        `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:${server!.port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"messages":[`,
      );
      // One byte every 100 ms: never finishes within the limit.
      const drip = setInterval(() => {
        if (!socket.destroyed) socket.write(' ');
      }, 100);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('"code":"request_timeout"');
  });

  it('refuses to listen off loopback without a token', async () => {
    await expect(startOpenAiEndpointServer({ core, host: '0.0.0.0', port: 0 })).rejects.toThrow(/without a token/);
  });
});
