/**
 * A TCP proxy that makes any HTTP server answer like one with Nagle on: toward the client, Nagle stays on
 * and each response's headers and the rest of its first segment go out in two writes (so the body waits
 * for the client's ACK of the headers). Streamed chunks pass as they come. For the endpoint bench: the
 * LM Studio emulator behind it still serves the catalog, so `loadout serve` can route to it.
 */
import net from 'node:net';

export interface NagleProxy {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  close(): Promise<void>;
}

export async function startNagleProxy(target: string): Promise<NagleProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    client.setNoDelay(false);
    const upstream = net.connect(Number(port), hostname);
    track(upstream);
    upstream.setNoDelay(true);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      const headEnd = chunk.indexOf('\r\n\r\n');
      if (chunk.subarray(0, 7).toString('latin1') === 'HTTP/1.' && headEnd > 0 && headEnd + 4 < chunk.length) {
        client.write(chunk.subarray(0, headEnd + 4));
        client.write(chunk.subarray(headEnd + 4));
      } else client.write(chunk);
    });
    upstream.on('close', () => client.end());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
