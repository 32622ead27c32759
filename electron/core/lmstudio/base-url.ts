/** Where LM Studio is: explicit option > LOADOUT_LMSTUDIO_URL > settings > http://127.0.0.1:1234. */

export const DEFAULT_LMSTUDIO_URL = 'http://127.0.0.1:1234';

/**
 * Normalizes a user-typed base URL: adds http:// when the scheme is missing, drops trailing slashes and a
 * trailing `/v1` or `/api/v1` (people paste the OpenAI base URL). Returns null for an empty or unusable value.
 */
export function normalizeBaseUrl(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  let text = raw.trim();
  if (text === '') return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const path = url.pathname.replace(/\/+$/, '').replace(/\/(api\/)?v[01]$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** Picks the base URL by precedence; an unusable higher-precedence value is skipped, not fatal. */
export function resolveLmStudioBaseUrl(sources: { explicit?: string; env?: NodeJS.ProcessEnv; settings?: string }): string {
  return (
    normalizeBaseUrl(sources.explicit) ??
    normalizeBaseUrl(sources.env?.LOADOUT_LMSTUDIO_URL) ??
    normalizeBaseUrl(sources.settings) ??
    DEFAULT_LMSTUDIO_URL
  );
}

/** True when the URL is LM Studio's default local server (then `lms` needs no --host/--port). */
export function isDefaultLocalServer(baseUrl: string): boolean {
  try {
    const url = new URL(baseUrl);
    return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && (url.port || '80') === '1234';
  } catch {
    return false;
  }
}
