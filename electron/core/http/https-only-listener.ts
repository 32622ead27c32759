/**
 * The listening socket of an HTTPS `loadout serve`: a TLS handshake goes on to the HTTPS server; a
 * plain HTTP request gets a short answer that says to use https:// (a bare TLS alert or reset would
 * leave the user guessing), and nothing it sent is read as a request. Plain HTTP from this machine's
 * own loopback (the CLI attaching through running.json) never crosses a network, so it is served.
 */
import type http from 'node:http';
import type https from 'node:https';
import net from 'node:net';
import { isLoopbackHost } from './host-check';

/** The first byte of a TLS record that carries a handshake (ClientHello). */
const TLS_HANDSHAKE = 0x16;

export interface HttpsOnlyOptions {
  /** Where plain HTTP from a loopback peer goes (same handler, no TLS). */
  loopbackServer: http.Server;
  /** The address to tell a plain-HTTP client to use instead. */
  httpsUrl: () => string;
  /** Whether a peer address is this machine (default host-check's); tests refuse their own loopback. */
  isLoopbackPeer?: (address: string) => boolean;
}

/** A net.Server that hands TLS connections to `server` and refuses plain HTTP off loopback with a 400 naming the HTTPS address. */
export function createHttpsOnlyListener(server: https.Server, options: HttpsOnlyOptions): net.Server {
  const isLoopbackPeer = options.isLoopbackPeer ?? isLoopbackHost;
  const open = new Set<net.Socket>();
  const listener = net.createServer((socket) => {
    open.add(socket);
    socket.on('error', () => socket.destroy());
    socket.once('close', () => open.delete(socket));
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      if (chunk[0] === TLS_HANDSHAKE) {
        // TLSSocket takes over the handle and first reads what is buffered; resuming here would steal its bytes.
        socket.unshift(chunk);
        server.emit('connection', socket);
        return;
      }
      if (isLoopbackPeer(socket.remoteAddress ?? '')) {
        socket.unshift(chunk);
        options.loopbackServer.emit('connection', socket);
        socket.resume();
        return;
      }
      const body = `This Loadout serves HTTPS only off this machine: the token must not cross the network in clear. Use ${options.httpsUrl()} (its certificate is self-signed; compare the fingerprint \`loadout serve\` printed).\n`;
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    });
  });
  const close = listener.close.bind(listener);
  // The servers the sockets go to never listen themselves, so their closeAllConnections track nothing: close ends them here.
  listener.close = (callback?: (error?: Error) => void) => {
    for (const socket of open) socket.destroy();
    return close(callback);
  };
  return listener;
}
