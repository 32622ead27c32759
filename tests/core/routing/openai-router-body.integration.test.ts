/** The endpoint's request body: bad JSON, a missing messages array and an oversized body are refused before routing. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAiRouter } from '../../../electron/core/routing/openai-router';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

async function endpoint(): Promise<{ url: string; routed: number[] }> {
  const routed: number[] = [];
  const handler = createOpenAiRouter({
    routedChat: {
      route: () => {
        routed.push(1);
        return Promise.reject(new Error('routing is not part of this test'));
      },
    },
    snapshot: () => Promise.reject(new Error('no snapshot in this test')),
    maxBodyBytes: 1000,
  });
  const server = http.createServer((req, res) => void handler(req, res, new URL(req.url ?? '/', 'http://x')));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`, routed };
}

const post = (url: string, body: string) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

describe('the endpoint reads the request body', () => {
  it('refuses a body that is not JSON', async () => {
    const { url, routed } = await endpoint();
    const res = await post(url, '{"messages": [');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { message: 'The request body is not JSON.', type: 'invalid_request_error' },
    });
    expect(routed).toHaveLength(0);
  });

  it('refuses a request without a messages array', async () => {
    const { url } = await endpoint();
    const res = await post(url, '{"model":"auto","messages":"hi"}');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { message: "'messages' is required and must be an array." } });
  });

  it('reads a body that arrives in several pieces', async () => {
    const { url, routed } = await endpoint();
    const body = JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'olá '.repeat(150) }] });
    const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
    const status = new Promise<number>((resolve) =>
      req.on('response', (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      }),
    );
    req.write(body.slice(0, 100));
    await new Promise((r) => setTimeout(r, 20));
    req.end(body.slice(100));
    expect(await status).toBe(500); // parsed and handed to routing, which this test's router refuses
    expect(routed).toHaveLength(1);
  });

  it('answers 413 with a JSON error to a body over the limit, without resetting the connection or routing it', async () => {
    const { url, routed } = await endpoint();
    // Megabytes, so the client is still sending when the limit is crossed (a reset would reach it first).
    const res = await post(url, JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(4 * 1024 * 1024) }] }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: expect.stringContaining('over 1000 bytes') },
    });
    expect(routed).toHaveLength(0);
  });

  it('answers 413 to a chunked body that grows over the limit, and the same connection serves the next request', async () => {
    const { url, routed } = await endpoint();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const send = (chunks: string[]) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          url,
          { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('socket', (s) => sockets.add(s));
        req.on('error', reject);
        for (const c of chunks) req.write(c);
        req.end();
      });
    const big = await send([
      '{"messages":[{"role":"user","content":"',
      ...Array.from({ length: 64 }, () => 'x'.repeat(64 * 1024)),
      '"}]}',
    ]);
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({
      error: { message: expect.stringContaining('Send a smaller request') },
    });
    expect((await send(['{"messages":"hi"}'])).status).toBe(400);
    expect(sockets.size).toBe(1);
    expect(routed).toHaveLength(0);
    agent.destroy();
  });
});
