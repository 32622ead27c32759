/**
 * Whether `loadout serve` speaks HTTPS or plain HTTP on an address: the token must never cross a
 * network in clear. Loopback stays plain HTTP; a tailnet (Tailscale) address may too, because
 * WireGuard already encrypts it; anything else is HTTPS unless the user says `--insecure`.
 */
import net from 'node:net';
import { isLoopbackHost } from './host-check';

export interface TransportRequest {
  /** The address `serve` binds to (`--host`). */
  host: string;
  /** `--tls`: HTTPS even where plain HTTP would be allowed (loopback, a tailnet). */
  forceTls?: boolean;
  /** `--insecure`: plain HTTP off loopback, outside a tailnet, knowingly. */
  insecure?: boolean;
}

export type TransportDecision =
  | { scheme: 'https'; reason: 'forced' | 'off-loopback' }
  | { scheme: 'http'; reason: 'loopback' | 'tailnet' | 'insecure'; warning: string | null };

/** Thrown when the flags contradict each other; the message says what to do. */
export class TransportFlagsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportFlagsError';
  }
}

/** Decide the scheme for `request`; `isLoopback` is injected so tests can take the off-loopback path on 127.0.0.1. */
export function decideTransport(
  request: TransportRequest,
  isLoopback: (host: string) => boolean = isLoopbackHost,
): TransportDecision {
  if (request.forceTls && request.insecure) {
    throw new TransportFlagsError(
      '--tls and --insecure contradict each other: pass --tls for HTTPS, or --insecure for plain HTTP, not both.',
    );
  }
  if (request.forceTls) return { scheme: 'https', reason: 'forced' };
  if (isLoopback(request.host)) return { scheme: 'http', reason: 'loopback', warning: null };
  if (isTailnetHost(request.host)) return { scheme: 'http', reason: 'tailnet', warning: null };
  if (request.insecure) {
    return {
      scheme: 'http',
      reason: 'insecure',
      warning: `--insecure: serving plain HTTP on ${request.host}; the token crosses the network in clear and anyone on the path can read it. Drop --insecure to serve HTTPS.`,
    };
  }
  return { scheme: 'https', reason: 'off-loopback' };
}

/**
 * True for a Tailscale address: IPv4 100.64.0.0/10 (the CGNAT range Tailscale assigns), its IPv6
 * ULA fd7a:115c:a1e0::/48, or a MagicDNS name under `.ts.net`.
 */
export function isTailnetHost(host: string): boolean {
  const h = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (net.isIPv4(h)) {
    const [a, b] = h.split('.').map(Number) as [number, number];
    return a === 100 && b >= 64 && b <= 127;
  }
  if (net.isIPv6(h)) return /^fd7a:115c:a1e0:/.test(expandIpv6Head(h));
  return h.endsWith('.ts.net') && h.length > '.ts.net'.length;
}

/** The first three groups of an IPv6 address, each without leading zeros ("fd7a:115c:a1e0:"). */
function expandIpv6Head(address: string): string {
  const [head = ''] = address.split('::');
  const groups = head
    .split(':')
    .filter(Boolean)
    .map((g) => g.replace(/^0+(?=.)/, ''));
  return `${groups.slice(0, 3).join(':')}:`;
}
