/**
 * The address remote access listens on, checked before it is saved: every network (0.0.0.0 or ::),
 * this machine only (127.0.0.1, ::1, localhost), or one address of this machine. A host name other than
 * localhost is refused: a server binds to addresses, and a name may resolve to another machine's.
 */
import { z } from 'zod';

/** What an address to listen on reaches. */
export type ListenScope = 'every-network' | 'loopback' | 'one-address';

const IPV4 = z.ipv4();
const IPV6 = z.ipv6();

/** The scope of `host`, or null when it is not an address to listen on. */
export function listenScope(host: string): ListenScope | null {
  const h = host.trim().toLowerCase();
  if (h === '0.0.0.0' || h === '::') return 'every-network';
  if (h === 'localhost' || h === '::1') return 'loopback';
  if (IPV4.safeParse(h).success) return h.startsWith('127.') ? 'loopback' : 'one-address';
  if (IPV6.safeParse(h).success) return 'one-address';
  return null;
}
