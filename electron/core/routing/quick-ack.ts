/**
 * Asks Linux to ACK what a socket has received now, not after its delayed-ACK timer (~40 ms).
 *
 * On a keep-alive connection we send each request right after reading the last answer, so Linux's
 * "pingpong" heuristic holds our ACKs back, hoping to ride them on our next write. An upstream with Nagle
 * on that writes its headers and body separately then holds the body until that ACK comes: ~40 ms lost
 * per answer. `setsockopt(TCP_QUICKACK, 1)` leaves pingpong mode and sends the pending ACK at once. Node
 * has no such option, so the call goes through koffi (already here for NVML) to libc. Elsewhere (not
 * Linux, or koffi cannot load) there is no quick-ACK: the caller falls back to a new connection, which
 * starts in quick-ACK mode.
 */
import type { Socket } from 'node:net';

/** Sends the socket's pending ACK now; false when it could not (no descriptor, the call failed). */
export type AckNow = (socket: Socket) => boolean;

// <netinet/tcp.h>, the same on every Linux architecture.
const IPPROTO_TCP = 6;
const TCP_QUICKACK = 12;

type Koffi = typeof import('koffi');

export interface QuickAckOptions {
  platform?: NodeJS.Platform;
  importKoffi?: () => Promise<Koffi>;
}

const importKoffi = () => import('koffi').then((m) => (m as unknown as { default?: Koffi }).default ?? m);

/** The descriptor behind a TCP socket (libuv's, on Unix); null when Node does not expose one. */
export function socketFd(socket: Socket): number | null {
  const fd = (socket as unknown as { _handle?: { fd?: unknown } | null })._handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : null;
}

/** Binds setsockopt from libc; resolves null where quick-ACK does not exist or cannot be reached. */
export async function loadQuickAck(options: QuickAckOptions = {}): Promise<AckNow | null> {
  if ((options.platform ?? process.platform) !== 'linux') return null;
  try {
    const koffi = await (options.importKoffi ?? importKoffi)();
    const setsockopt = koffi
      .load('libc.so.6')
      .func('int setsockopt(int fd, int level, int name, const int *value, uint32_t size)') as (
      ...args: unknown[]
    ) => number;
    const one = [1];
    return (socket) => {
      const fd = socketFd(socket);
      return fd !== null && setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, one, 4) === 0;
    };
  } catch {
    return null;
  }
}
