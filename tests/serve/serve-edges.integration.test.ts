/**
 * `loadout serve` at its edges: the token redirect stays on this origin, the Authorization scheme is
 * case-insensitive, `?token=` opens the browser UI but not `/v1`, and slow requests are cut off with a
 * readable 408 (short limits injected, so nothing here waits 30 s).
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createContractDispatch, createEventHub } from '../../shared/contract';
import { startLoadoutServer, type LoadoutServer } from '../../electron/core/http/loadout-server';
import type { HttpLimits } from '../../electron/core/http/http-limits';
import { rawGet } from '../support/server-harness';

const TOKEN = 'edge-token-0123456789abcdef';
const servers: LoadoutServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** A serve with the token, no renderer build, and a `/v1` stub that reads the body, then says it was reached (streaming for `streamMs` first). */
async function serve(limits?: HttpLimits, streamMs = 0): Promise<LoadoutServer> {
  const server = await startLoadoutServer({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    rendererDir: '/nonexistent',
    limits,
    dispatch: createContractDispatch({} as never),
    events: createEventHub(),
    openAi: async (req, res) => {
      // Read the whole body first, as the real endpoint does.
      await new Promise((r) => {
        req.on('end', r).on('close', r).resume();
      });
      if (res.destroyed) return true;
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      for (let i = 0; i < streamMs / 50; i++) {
        res.write(`chunk ${i}\n`);
        await new Promise((r) => setTimeout(r, 50));
      }
      res.end('reached /v1');
      return true;
    },
  });
  servers.push(server);
  return server;
}

/** Write `parts` on a raw socket, pausing `pauseMs` before each after the first; resolves with everything the server sent before closing. */
function rawExchange(port: number, parts: string[], pauseMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (received += d));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    void (async () => {
      for (const [i, part] of parts.entries()) {
        if (i > 0) await new Promise((r) => setTimeout(r, pauseMs));
        if (socket.destroyed) return;
        socket.write(part);
      }
    })();
  });
}

describe('loadout serve: the token at the edges', () => {
  it('redirects ?token= only to a path on this origin, never to //another.host', async () => {
    const { port } = await serve();
    for (const [target, location] of [
      [`/.//evil.example/?token=${TOKEN}`, '/evil.example/'],
      [`//evil.example/x?token=${TOKEN}`, '/x'],
      [`/.%2F/evil.example/?token=${TOKEN}`, '/.%2F/evil.example/'],
      [`/monitor.html?token=${TOKEN}&x=1`, '/monitor.html?x=1'],
    ] as const) {
      const res = await rawGet(port, target);
      expect(res.status, target).toBe(303);
      expect(res.headers.location, target).toBe(location);
    }
  });

  it('accepts the Bearer scheme in any case, as RFC 9110 says', async () => {
    const { port } = await serve();
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      expect((await rawGet(port, '/v1/models', { Authorization: `${scheme} ${TOKEN}` })).body, scheme).toBe(
        'reached /v1',
      );
      expect((await rawGet(port, '/', { Authorization: `${scheme} ${TOKEN}` })).status, scheme).toBe(503); // past the gate: no renderer build here
    }
    expect((await rawGet(port, '/', { Authorization: `Basic ${TOKEN}` })).status).toBe(401);
  });

  it('refuses ?token= on /v1 with a JSON error an OpenAI client can read', async () => {
    const { port } = await serve();
    const res = await rawGet(port, `/v1/models?token=${TOKEN}`);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body)).toMatchObject({
      error: { type: 'invalid_api_key', message: expect.stringContaining('Authorization header') },
    });
  });
});

describe('loadout serve: slow requests', () => {
  const limits: HttpLimits = { headersTimeoutMs: 300, requestTimeoutMs: 400 };

  it('answers 408 to headers that arrive too slowly, then closes', async () => {
    const { port } = await serve(limits);
    const answer = await rawExchange(
      port,
      [
        'GET / HTTP/1.1\r\n',
        `Host: 127.0.0.1:${port}\r\n`,
        'X-Slow: 1\r\n',
        'X-Slow: 2\r\n',
        'X-Slow: 3\r\n',
        'X-Slow: 4\r\n',
        '\r\n',
      ],
      150,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('came too slowly');
  });

  it('answers 408 to a body that arrives too slowly, then closes', async () => {
    const { port } = await serve(limits);
    const head = `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: 100\r\n\r\n`;
    const answer = await rawExchange(
      port,
      [head, 'x'.repeat(10), 'x'.repeat(10), 'x'.repeat(10), 'x'.repeat(10), 'x'.repeat(10), 'x'.repeat(10)],
      150,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).not.toContain('reached /v1');
  });

  it('does not cut an answer that streams for longer than the request limit', async () => {
    const { port } = await serve(limits, 1000);
    const res = await rawGet(port, '/v1/models', { Authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.body).toContain('chunk 19');
    expect(res.body).toContain('reached /v1');
  });
});
