/**
 * Reads a socket's TCP_QUICKACK through libc (Linux): 1 when the kernel ACKs at once, 0 in its delayed-ACK
 * "pingpong" mode. For tests of the endpoint's upstream call; null where it cannot be read.
 */
import type { Socket } from 'node:net';
import koffi from 'koffi';
import { socketFd } from '../../electron/core/routing/quick-ack';

let getsockopt: ((...args: unknown[]) => number) | null | undefined;

export function quickAckState(socket: Socket): number | null {
  if (process.platform !== 'linux') return null;
  getsockopt ??= koffi
    .load('libc.so.6')
    .func('int getsockopt(int fd, int level, int name, _Out_ int *value, _Inout_ uint32_t *size)') as (
    ...args: unknown[]
  ) => number;
  const fd = socketFd(socket);
  const value = [0];
  if (fd === null || getsockopt(fd, 6, 12, value, [4]) !== 0) return null;
  return value[0]!;
}
