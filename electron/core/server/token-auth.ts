/**
 * Token access for `loadout serve`: `Authorization: Bearer T`, the `loadout_token` cookie, or a
 * `?token=T` once, which sets the cookie (HttpOnly, SameSite=Strict) so the token leaves the URL.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'loadout_token';

/** A new random token (URL-safe, 192 bits). */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Compare without leaking the length of the common prefix through timing. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How a request proved it knows the token, or 'none'. */
export function presentedToken(request: IncomingMessage, url: URL, expected: string): 'bearer' | 'cookie' | 'query' | 'none' {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ') && tokensEqual(auth.slice(7).trim(), expected)) return 'bearer';
  const cookie = readCookie(request.headers.cookie, TOKEN_COOKIE);
  if (cookie !== null && tokensEqual(cookie, expected)) return 'cookie';
  const query = url.searchParams.get('token');
  if (query !== null && tokensEqual(query, expected)) return 'query';
  return 'none';
}

/** The Set-Cookie header that stores the token for this origin only. */
export function tokenCookieHeader(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Read one cookie's value from a Cookie header; null when absent or malformed. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
