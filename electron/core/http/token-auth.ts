/**
 * Token access for `loadout serve`: `Authorization: Bearer T`, the `loadout_token` cookie, or a
 * `?token=T` once on the browser UI's entry, which sets the cookie (HttpOnly, SameSite=Strict) so the
 * token leaves the URL. API clients (`/v1`) must send the header: a token in a URL ends up in logs.
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

/** The credentials of an `Authorization: Bearer T` header, or null. The scheme is case-insensitive (RFC 9110 §11.1). */
export function bearerToken(header: string | undefined): string | null {
  const match = /^bearer[ \t]+(\S.*)$/i.exec(header ?? '');
  return match ? match[1]!.trim() : null;
}

/** How a request proved it knows the token, or 'none'. `allowQuery: false` ignores `?token=`. */
export function presentedToken(
  request: IncomingMessage,
  url: URL,
  expected: string,
  { allowQuery = true } = {},
): 'bearer' | 'cookie' | 'query' | 'none' {
  const bearer = bearerToken(request.headers.authorization);
  if (bearer !== null && tokensEqual(bearer, expected)) return 'bearer';
  const cookie = readCookie(request.headers.cookie, TOKEN_COOKIE);
  if (cookie !== null && tokensEqual(cookie, expected)) return 'cookie';
  if (!allowQuery) return 'none';
  const query = url.searchParams.get('token');
  if (query !== null && tokensEqual(query, expected)) return 'query';
  return 'none';
}

/** The Set-Cookie header that stores the token for this origin only (`Secure` under HTTPS: never sent in clear). */
export function tokenCookieHeader(token: string, secure = false): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
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
