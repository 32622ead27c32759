import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import { rejectionOf, startHarness, type Harness } from '../../support/client-harness';

let harness: Harness | null = null;
let server: Server | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((r) => server?.close(() => r()));
    server = null;
  }
});

/** A scripted server: the handler decides per request (and may never answer). */
async function scripted(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<string> {
  let n = 0;
  server = createServer((req, res) => handler(req, res, ++n));
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (res: ServerResponse, body: unknown): void => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('timeouts, retries and cancellation', () => {
  it('times out a load that takes longer than allowed', async () => {
    harness = await startHarness({ loadMsPerGb: 3000 }, { timeouts: { loadMs: 250 } });
    const error = await rejectionOf(harness.client.load({ key: 'llama-3.2-1b-instruct' }));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('did not finish POST /api/v1/models/load within 0.3 s');
  });

  it('cancels a load when the caller aborts', async () => {
    harness = await startHarness({ loadMsPerGb: 3000 });
    const controller = new AbortController();
    const pending = harness.client.load({ key: 'llama-3.2-1b-instruct' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect((await rejectionOf(pending)).code).toBe('aborted');
  });

  it('reports a server that accepts but never answers as a timeout, not as "not running"', async () => {
    const url = await scripted(() => {
      /* never answers */
    });
    const client = createLmStudioClient({ baseUrl: url, env: {}, timeouts: { detectMs: 150 }, getRetries: 0 });
    const error = await rejectionOf(client.listModels());
    expect(error.code).toBe('timeout');
  });

  it('retries an idempotent GET that timed out once', async () => {
    let modelGets = 0;
    const url = await scripted((req, res) => {
      if (req.url === '/lmstudio-greeting') return json(res, { lmstudio: true });
      if (req.url === '/api/v1/models') {
        modelGets++;
        if (modelGets === 2) return; // the list call's first attempt hangs
        return json(res, { models: [{ key: 'a', type: 'llm', loaded_instances: [] }] });
      }
      return json(res, { error: `Unexpected endpoint or method. (${req.method} ${req.url})` });
    });
    const client = createLmStudioClient({ baseUrl: url, env: {}, timeouts: { listMs: 200 }, getRetries: 1 });
    expect((await client.listModels()).map((m) => m.key)).toEqual(['a']);
    expect(modelGets).toBe(3);
  });

  it('never retries a load', async () => {
    let loadPosts = 0;
    const url = await scripted((req, res) => {
      if (req.url === '/lmstudio-greeting') return json(res, { lmstudio: true });
      if (req.url === '/api/v1/models') return json(res, { models: [] });
      if (req.url === '/api/v1/models/load') {
        loadPosts++;
        return; // hangs
      }
      return json(res, { error: 'Unexpected endpoint or method.' });
    });
    const client = createLmStudioClient({ baseUrl: url, env: {}, timeouts: { loadMs: 200 }, getRetries: 3 });
    expect((await rejectionOf(client.load({ key: 'a' }))).code).toBe('timeout');
    expect(loadPosts).toBe(1);
  });

  it('answers bad-response for a models list LM Studio cannot have sent', async () => {
    const url = await scripted((req, res) => {
      if (req.url === '/lmstudio-greeting') return json(res, { lmstudio: true });
      if (req.url === '/api/v1/models') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<html>proxy login</html>');
      }
      return json(res, { data: [] });
    });
    const client = createLmStudioClient({ baseUrl: url, env: {} });
    // v1 is unreadable, v0 answers: the client falls back rather than failing.
    expect((await client.detect()).apiLevel).toBe('v0');
  });
});
