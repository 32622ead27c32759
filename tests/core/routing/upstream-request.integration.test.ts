/** The endpoint's upstream call: answers, aborts before the answer, and an already-aborted signal. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postUpstream } from '../../../electron/core/routing/upstream-request';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

/** A server that answers after `delayMs` (never when null), and reports each request that was dropped before its answer. */
async function upstream(delayMs: number | null, dropped: string[] = []): Promise<string> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.on('close', () => {
        if (!res.writableFinished) dropped.push(body);
      });
      if (delayMs === null) return;
      setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.end(`data: ${body}\n\n`);
      }, delayMs);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
}

const text = async (body: AsyncIterable<Uint8Array>) => {
  let out = '';
  for await (const c of body) out += Buffer.from(c).toString();
  return out;
};

describe('postUpstream', () => {
  it('sends the body and streams the answer back', async () => {
    const url = await upstream(0);
    const res = await postUpstream(url, {
      headers: { 'Content-Type': 'application/json' },
      body: '{"model":"m"}',
      signal: new AbortController().signal,
    });
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('text/event-stream');
    expect(await text(res.body)).toBe('data: {"model":"m"}\n\n');
  });

  it('an abort before the answer rejects with an AbortError and drops the connection', async () => {
    const dropped: string[] = [];
    const url = await upstream(null, dropped);
    const ac = new AbortController();
    const call = postUpstream(url, { headers: {}, body: 'waiting', signal: ac.signal });
    await new Promise((r) => setTimeout(r, 50));
    ac.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    for (let i = 0; i < 100 && dropped.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(dropped).toEqual(['waiting']);
  });

  it('an already-aborted signal sends nothing', async () => {
    const dropped: string[] = [];
    const url = await upstream(0, dropped);
    const ac = new AbortController();
    ac.abort();
    await expect(postUpstream(url, { headers: {}, body: 'x', signal: ac.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('an abort after the answer started leaves the answer to cancel()', async () => {
    const url = await upstream(0);
    const ac = new AbortController();
    const res = await postUpstream(url, { headers: {}, body: 'late', signal: ac.signal });
    ac.abort();
    expect(await text(res.body)).toBe('data: late\n\n');
  });
});
