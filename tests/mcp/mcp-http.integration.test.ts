/**
 * `/mcp` on a real `loadout serve --mcp` (Streamable HTTP), as an MCP client reaches it, in both protocol
 * revisions: the tools against the emulator, and serve's gate in front of it — a foreign Origin and a
 * foreign Host refused (DNS rebinding), and no token refused when serve listens off loopback.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../emulator';
import { connectHttp, REVISIONS, ROOT, startMcpServe, textOf, type McpServe } from '../support/mcp-harness';

let home: string;
let emu: LmStudioEmulator;
let serve: McpServe;

const env = () => ({
  LOADOUT_HOME: home,
  LOADOUT_LMSTUDIO_URL: emu.url,
  LOADOUT_LMS: FAKE_LMS_PATH,
  LOADOUT_NVML: 'off',
  LOADOUT_NVIDIA_SMI: path.join(ROOT, 'tests/fakes/nvidia-smi/nvidia-smi'),
  FAKE_NVSMI_SPEED: '4',
  LM_API_TOKEN: '',
});

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'probe', version: '1' } },
});

/** POST an initialize to `url` with these headers; resolves to the status and body. */
function post(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(INITIALIZE);
  });
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-mcp-http-'));
  emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }], loadMsPerGb: 1 });
  serve = await startMcpServe([], env());
}, 60_000);
afterAll(async () => {
  await serve?.stop();
  await emu?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe.each(REVISIONS)('/mcp on loadout serve --mcp, protocol %s', { timeout: 60_000 }, (revision) => {
  it('lists the tools and answers them from the emulator', async () => {
    const client = await connectHttp(revision, `${serve.url}/mcp`);
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe(revision);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('apply_preset');
      const status = await client.callTool({ name: 'status', arguments: {} });
      expect(status.isError, textOf(status)).toBeFalsy();
      expect(status.structuredContent).toMatchObject({
        lmStudio: { reachable: true },
        loaded: [{ modelKey: 'qwen2.5-7b-instruct' }],
      });
      const route = await client.callTool({
        name: 'route',
        arguments: { prompt: 'Summarize: the cat sat on the mat.' },
      });
      expect((route.structuredContent as { choice: { modelKey: string } | null }).choice?.modelKey).toBe(
        'qwen2.5-7b-instruct',
      );
      await expect(client.callTool({ name: 'benchmarks', arguments: { model: 7 } })).rejects.toMatchObject({
        code: -32602,
        message: expect.stringContaining('`model`'),
      });
      const { resources } = await client.listResources();
      expect(resources.map((r) => r.uri)).toContain('loadout://benchmarks');
    } finally {
      await client.close();
    }
  });
});

describe('the gate in front of /mcp', { timeout: 60_000 }, () => {
  it('refuses a foreign Origin and a foreign Host before MCP sees the request', async () => {
    const port = new URL(serve.url).port;
    expect((await post(`${serve.url}/mcp`, {})).status).toBe(200);
    const origin = await post(`${serve.url}/mcp`, { Origin: 'http://evil.example' });
    expect(origin.status).toBe(403);
    expect(origin.body).toMatch(/other sites/);
    const host = await post(`${serve.url}/mcp`, { Host: `evil.example:${port}` });
    expect(host.status).toBe(403);
    expect(host.body).toMatch(/Host/);
  });

  it('off loopback, refuses /mcp without the token and serves it with the token as a Bearer header', async () => {
    const token = 'mcp-test-token-0123456789';
    const open = await startMcpServe(['--host', '0.0.0.0', '--token', token], {
      ...env(),
      LOADOUT_HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-mcp-http-off-')),
    });
    try {
      // Off loopback serve speaks HTTPS (self-signed); plain HTTP from this machine's own loopback is still
      // served, and the token gate is the same for both.
      expect(open.url).toMatch(/^https:\/\/0\.0\.0\.0:/);
      const url = open.url.replace('https://0.0.0.0', 'http://127.0.0.1');
      const refused = await post(`${url}/mcp`, {});
      expect(refused.status).toBe(401);
      expect(refused.body).toMatch(/token/);
      expect((await post(`${url}/mcp?token=${token}`, {})).status).toBe(401);
      const client = await connectHttp('2025-11-25', `${url}/mcp`, { Authorization: `Bearer ${token}` });
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      await client.close();
    } finally {
      await open.stop();
    }
  });
});
