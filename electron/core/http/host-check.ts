/**
 * DNS-rebinding defence for `loadout serve`: a request is served only when its Host header names this
 * server (a loopback name, or the address it is bound to, on its port) and, when a browser sent an
 * Origin, that origin is this same server. A rebound domain (evil.example → 127.0.0.1) fails both.
 */
import net from 'node:net';

/** True for localhost, 127.0.0.0/8 and ::1 (with or without brackets). */
export function isLoopbackHost(host: string): boolean {
  const h = stripBrackets(host.toLowerCase());
  if (h === 'localhost') return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || h === '0:0:0:0:0:0:0:1' || h.startsWith('::ffff:127.');
  return false;
}

/** True for a bind address that listens on every interface. */
export function isWildcardHost(host: string): boolean {
  const h = stripBrackets(host);
  return h === '0.0.0.0' || h === '::';
}

/** Split a Host header ("127.0.0.1:1235", "[::1]:80") into name and port; null when malformed. */
export function parseHostHeader(value: string | undefined): { hostname: string; port: number | null } | null {
  if (!value || value.length > 300) return null;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s/]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!match) return null;
  return { hostname: stripBrackets(match[1]!.toLowerCase()), port: match[2] ? Number(match[2]) : null };
}

export interface HostPolicy {
  /** The address the server is bound to. */
  boundHost: string;
  port: number;
  /** The scheme served (default http): a Host header without a port means 443 under HTTPS. */
  scheme?: 'http' | 'https';
}

/**
 * Accept a Host header naming a loopback address or the bound address, on our port. A wildcard bind
 * accepts IP literals (not names: a name is what DNS rebinding controls) and localhost.
 */
export function isAllowedHostHeader(value: string | undefined, policy: HostPolicy): boolean {
  const host = parseHostHeader(value);
  if (!host) return false;
  const port = host.port ?? (policy.scheme === 'https' ? 443 : 80);
  if (port !== policy.port) return false;
  if (isLoopbackHost(host.hostname)) return true;
  if (isWildcardHost(policy.boundHost)) return net.isIP(host.hostname) !== 0;
  return host.hostname === stripBrackets(policy.boundHost.toLowerCase());
}

/** Accept no Origin (non-browser clients) or an Origin equal to <scheme>://<the Host header>. */
export function isAllowedOrigin(
  origin: string | undefined,
  hostHeader: string | undefined,
  scheme: 'http' | 'https' = 'http',
): boolean {
  if (origin === undefined) return true;
  if (!hostHeader) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== `${scheme}:`) return false;
  const expected = parseHostHeader(hostHeader);
  const actual = parseHostHeader(parsed.host);
  if (!expected || !actual) return false;
  const defaultPort = scheme === 'https' ? 443 : 80;
  return expected.hostname === actual.hostname && (expected.port ?? defaultPort) === (actual.port ?? defaultPort);
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
