import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import { rejectionOf, startHarness, type Harness } from '../../support/client-harness';

let harness: Harness | null = null;
let server: Server | null = null;
afterEach(async () => {
  await harness?.close();
  if (server) await new Promise<void>((r) => server?.close(() => r()));
  harness = null;
  server = null;
});

/** A server that greets as LM Studio and answers GETs from `answer`; null = LM Studio's unknown-route answer. */
async function scripted(answer: (path: string) => unknown): Promise<string> {
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const body = req.url === '/lmstudio-greeting' ? { lmstudio: true } : answer(req.url ?? '');
    res.end(JSON.stringify(body ?? { error: `Unexpected endpoint or method. (${req.method} ${req.url})` }));
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const restPaths = (h: Harness) =>
  h.emulator.state.calls.map((c) => `${c.method} ${c.path}`).filter((c) => c.includes('/api/'));
const lmsCommands = (h: Harness) => h.lmsCalls().map((argv) => argv[0]);

describe('the client chooses the level', () => {
  it('uses REST v1 for the list, a plain load and the unload when LM Studio has it', async () => {
    harness = await startHarness();
    await harness.client.listModels();
    const loaded = await harness.client.load({ key: 'qwen2.5-7b-instruct', contextLength: 8192 });
    await harness.client.unload(loaded.instance.instanceId);
    expect(loaded.via).toBe('rest-v1');
    expect(restPaths(harness)).toEqual([
      'GET /api/v1/models',
      'GET /api/v1/models',
      'POST /api/v1/models/load',
      'POST /api/v1/models/unload',
    ]);
    expect(lmsCommands(harness)).toEqual([]);
  });

  it('sends to lms what REST v1 cannot carry, and keeps REST v1 for the rest', async () => {
    harness = await startHarness();
    const loaded = await harness.client.load({ key: 'llama-3.2-1b-instruct', ttlSeconds: 600 });
    expect(loaded).toMatchObject({ via: 'lms', instance: { ttlSeconds: 600 } });
    await harness.client.unload(loaded.instance.instanceId);
    expect(lmsCommands(harness)).toEqual(['load', 'ps']);
    expect(restPaths(harness)).toContain('POST /api/v1/models/unload');
    expect(restPaths(harness)).not.toContain('POST /api/v1/models/load');
  });

  it('falls back to REST v0 for the list and lms for load and unload when v1 is missing', async () => {
    harness = await startHarness({ v0Only: true });
    expect((await harness.client.listModels()).some((m) => m.key === 'qwen2.5-7b-instruct')).toBe(true);
    const loaded = await harness.client.load({ key: 'qwen2.5-7b-instruct' });
    await harness.client.unload(loaded.instance.instanceId);
    expect(loaded.via).toBe('lms');
    expect(lmsCommands(harness)).toEqual(['ps', 'load', 'ps', 'unload']);
    expect(restPaths(harness).filter((p) => !p.startsWith('GET /api/v1/models'))).toEqual([
      'GET /api/v0/models',
      'GET /api/v0/models',
      'GET /api/v0/models',
    ]);
  });

  it('when REST v1 goes away under it (200 + error), says so once, then lists from v0', async () => {
    let v1 = true;
    const url = await scripted((path) => {
      if (path === '/api/v1/models' && v1) return { models: [{ key: 'a', size_bytes: 10 }] };
      if (path === '/api/v0/models') return { data: [{ id: 'a', state: 'not-loaded' }] };
      return null;
    });
    const client = createLmStudioClient({ baseUrl: url, env: { PATH: '/nonexistent' } });
    expect((await client.listModels())[0]?.sizeBytes).toBe(10);
    v1 = false; // e.g. LM Studio 0.4 replaced by a 0.3.x build on the same port
    const stale = await rejectionOf(client.listModels());
    expect(stale.code).toBe('bad-response');
    expect(stale.lmStudioMessage).toBe('Unexpected endpoint or method. (GET /api/v1/models)');
    expect((await client.listModels()).map((m) => [m.key, m.sizeBytes])).toEqual([['a', null]]);
    expect((await client.detect()).apiLevel).toBe('v0');
  });

  it('never falls back to lms when REST is down: lms would start LM Studio itself', async () => {
    harness = await startHarness();
    await harness.emulator.close();
    expect((await rejectionOf(harness.client.load({ key: 'qwen2.5-7b-instruct', gpuOffload: 'max' }))).code).toBe(
      'not-running',
    );
    expect((await rejectionOf(harness.client.unload('qwen2.5-7b-instruct'))).code).toBe('not-running');
    expect(lmsCommands(harness)).toEqual([]);
  });

  it('names the field of a models list LM Studio should not have sent, then looks again', async () => {
    let models: unknown[] = [{ key: 'a' }, { key: 'b' }, { key: 7 }];
    const client = createLmStudioClient({
      baseUrl: await scripted((path) => (path === '/api/v1/models' ? { models } : null)),
      env: { PATH: '/nonexistent' },
    });
    const error = await rejectionOf(client.listModels());
    expect(error).toMatchObject({ name: 'LmStudioShapeError', code: 'bad-response', field: 'models[2].key' });
    expect(error.message).toBe(
      "LM Studio's /api/v1/models answer is not what Loadout expects: models[2].key: expected text (found a number). Update LM Studio (and its lms CLI), or report this with LM Studio's version.",
    );
    models = [{ key: 'a', size_bytes: 10, a_new_field: true }];
    expect((await client.listModels()).map((m) => [m.key, m.sizeBytes])).toEqual([['a', 10]]);
  });
});
