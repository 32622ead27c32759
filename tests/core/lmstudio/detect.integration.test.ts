import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import { rejectionOf, startHarness, type Harness } from '../../support/client-harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

/** A port nothing listens on: open a server, note its port, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('detection', () => {
  it('finds REST v1 and the version on a 0.4 server', async () => {
    harness = await startHarness();
    const d = await harness.client.detect();
    expect(d).toEqual({
      baseUrl: harness.emulator.url,
      where: expect.stringContaining(harness.emulator.url) as string,
      running: true,
      apiLevel: 'v1',
      authRequired: false,
      authorized: true,
      version: '0.4.4+1',
    });
    const caps = await harness.client.capabilities();
    expect(caps).toMatchObject({
      apiLevel: 'v1',
      restLoad: true,
      restUnload: true,
      sizesKnown: true,
      lmsAvailable: true,
    });
    expect(caps.summary).toBe('LM Studio 0.4.4+1 · REST v1 · lms found');
  });

  it('falls back to v0 on a 0.3.x server whose /api/v1 answers 200 + error', async () => {
    harness = await startHarness({ v0Only: true });
    const raw = await fetch(`${harness.emulator.url}/api/v1/models`);
    expect(raw.status).toBe(200);
    expect(await raw.json()).toEqual({ error: 'Unexpected endpoint or method. (GET /api/v1/models)' });
    const d = await harness.client.detect();
    expect(d).toMatchObject({ running: true, apiLevel: 'v0', version: null });
    const caps = await harness.client.capabilities();
    expect(caps).toMatchObject({ apiLevel: 'v0', restLoad: false, restUnload: false, sizesKnown: false });
    expect(caps.limitations[0]).toBe('LM Studio 0.3.x: no REST load/unload; Loadout uses the lms CLI; sizes unknown.');
  });

  it('says how to start LM Studio when nothing listens', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const client = createLmStudioClient({ baseUrl: url, env: {} });
    expect(await client.detect()).toMatchObject({ running: false, apiLevel: 'none' });
    const error = await rejectionOf(client.listModels());
    expect(error.code).toBe('not-running');
    expect(error.message).toBe(
      `LM Studio is not running at ${url} (from the --lmstudio flag). Open LM Studio and start its server (Developer tab → Start server, or \`lms server start\`), or point Loadout at the right address (--lmstudio URL, LOADOUT_LMSTUDIO_URL or settings).`,
    );
    expect((await client.capabilities()).summary).toContain('not running');
  });

  it('does not take a server that answers 200 + error everywhere for LM Studio REST', async () => {
    const server: Server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `Unexpected endpoint or method. (${req.method} ${req.url})` }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = createLmStudioClient({ baseUrl: url, env: {} });
      expect(await client.detect()).toMatchObject({ apiLevel: 'none', running: false });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('uses LOADOUT_LMSTUDIO_URL when no URL is given, and exposes the OpenAI base URL', async () => {
    harness = await startHarness();
    const client = createLmStudioClient({
      env: { LOADOUT_LMSTUDIO_URL: `${harness.emulator.url}/v1` },
      settingsBaseUrl: 'http://127.0.0.1:9',
    });
    expect(client.getBaseUrl()).toBe(harness.emulator.url);
    expect(client.getOpenAiBaseUrl()).toBe(`${harness.emulator.url}/v1`);
    expect((await client.detect()).apiLevel).toBe('v1');
  });
});

describe('authentication', () => {
  const TOKEN = 'sk-lm-abcdEFGH:ijklmnopqrstuvwxyz12';

  it('reports that a token is required and refuses to list without one', async () => {
    harness = await startHarness({ token: TOKEN });
    expect(await harness.client.detect()).toMatchObject({
      running: true,
      apiLevel: 'v1',
      authRequired: true,
      authorized: false,
    });
    const error = await rejectionOf(harness.client.listModels());
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('requires an API token and none is set');
    expect(error.message).toContain('LM_API_TOKEN');
  });

  it('says the token was rejected when it is wrong', async () => {
    harness = await startHarness({ token: TOKEN }, { env: { LM_API_TOKEN: 'sk-lm-wrong000:000000000000000000000' } });
    const error = await rejectionOf(harness.client.listModels());
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('rejected the API token');
    expect(error.httpStatus).toBe(401);
  });

  it('sends the token from LM_API_TOKEN or from the injected getter', async () => {
    harness = await startHarness({ token: TOKEN }, { env: { LM_API_TOKEN: TOKEN } });
    expect((await harness.client.listModels()).length).toBe(10);
    const viaGetter = createLmStudioClient({ baseUrl: harness.emulator.url, env: {}, getToken: async () => TOKEN });
    expect(await viaGetter.detect()).toMatchObject({ authRequired: false, authorized: true });
    expect(await viaGetter.getToken()).toBe(TOKEN);
  });
});
