import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RawHttpClient, ResponseScanner } from '../../bench/_crosscheck-net-client';

const head = (extra: string) => Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n${extra}\r\n`);
const chunk = (s: string) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n`;

describe('crosscheck raw client: reading a response as it arrives', () => {
  it('stamps the first token when the bytes completing `"content":"` arrive, even split across chunks and reads', () => {
    const s = new ResponseScanner();
    s.feed(head('Transfer-Encoding: chunked\r\n'), 1);
    s.feed(Buffer.from(chunk('data: {"role":"assistant"}\n\n') + chunk('data: {"delta":{"con')), 2);
    expect(s.firstTokenAt).toBeNull();
    const rest = chunk('tent":"Can') + chunk('berra"}}\n\n') + '0\r\n\r\n';
    s.feed(Buffer.from(rest.slice(0, 1)), 3); // the chunk size line itself split
    expect(s.firstTokenAt).toBeNull();
    s.feed(Buffer.from(rest.slice(1, 12)), 4);
    expect(s.firstTokenAt).toBe(4);
    expect(s.done).toBe(false);
    s.feed(Buffer.from(rest.slice(12, -2)), 5);
    expect(s.done).toBe(false); // the last chunk's closing CRLF has not come
    s.feed(Buffer.from(rest.slice(-2)), 6);
    expect([s.status, s.done, s.doneAt, s.keepAlive]).toEqual([200, true, 6, true]);
  });

  it('ends a whole answer after Content-Length bytes and notes a server that closes the connection', () => {
    const body = '{"choices":[{"message":{"content":"Canberra"}}]}';
    const s = new ResponseScanner();
    s.feed(Buffer.from('HTTP/1.1 100 Continue\r\n\r\n'), 1);
    s.feed(
      Buffer.concat([head(`Content-Length: ${body.length}\r\nConnection: close\r\n`), Buffer.from(body.slice(0, 10))]),
      2,
    );
    expect(s.done).toBe(false);
    s.feed(Buffer.from(body.slice(10)), 3);
    expect([s.status, s.done, s.doneAt, s.keepAlive]).toEqual([200, true, 3, false]);
  });

  it('ends an answer without a length when the server closes the connection', () => {
    const s = new ResponseScanner();
    s.feed(Buffer.concat([head(''), Buffer.from('data: {"content":"x"}\n\n')]), 1);
    expect([s.firstTokenAt, s.done]).toEqual([1, false]);
    s.end(2);
    expect([s.done, s.doneAt]).toEqual([true, 2]);
  });
});

describe('crosscheck raw client: over a real socket', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('sends POSTs on one keep-alive connection and times the first token before the end of the stream', async () => {
    const sockets = new Set<unknown>();
    server = http.createServer((req, res) => {
      sockets.add(req.socket);
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        expect(req.url).toBe('/v1/chat/completions');
        expect(JSON.parse(body)).toEqual({ stream: true });
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.write('data: {"delta":{"content":"Can"}}\n\n');
        setTimeout(() => res.end('data: {"delta":{"content":"berra"}}\n\ndata: [DONE]\n\n'), 30);
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
    const client = new RawHttpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
    try {
      const a = await client.post('/chat/completions', JSON.stringify({ stream: true }), true);
      const b = await client.post('/chat/completions', JSON.stringify({ stream: true }), true);
      for (const t of [a, b]) expect(t.totalMs).toBeGreaterThan(t.firstMs);
      expect(sockets.size).toBe(1);
    } finally {
      client.close();
    }
  });
});
