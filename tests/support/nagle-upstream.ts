/**
 * A test upstream that answers like a server with Nagle on: the headers and the body in two writes,
 * so the body waits for the client's ACK of the headers. It counts requests per connection.
 */
import net from 'node:net';

export interface NagleUpstream {
  /** e.g. http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  /** How many requests each connection carried, in the order the connections opened. */
  requestsPerConnection: number[];
  close(): Promise<void>;
}

/** Start one; every POST gets `answer` (JSON) back. */
export async function startNagleUpstream(answer: unknown): Promise<NagleUpstream> {
  const body = JSON.stringify(answer);
  const requestsPerConnection: number[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setNoDelay(false);
    const index = requestsPerConnection.push(0) - 1;
    let pending = '';
    socket.on('data', (data: Buffer) => {
      pending += data.toString('latin1');
      for (;;) {
        const headEnd = pending.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const length = Number(/content-length:\s*(\d+)/i.exec(pending.slice(0, headEnd))?.[1] ?? 0);
        if (pending.length < headEnd + 4 + length) return;
        const close = /connection:\s*close/i.test(pending.slice(0, headEnd));
        pending = pending.slice(headEnd + 4 + length);
        requestsPerConnection[index]!++;
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: ${close ? 'close' : 'keep-alive'}\r\n\r\n`,
        );
        socket.write(body);
        if (close) socket.end();
      }
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/v1`,
    requestsPerConnection,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
