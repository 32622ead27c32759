/**
 * The windows' own privileged scheme: `app://loadout/<page>` serves the built renderer instead of
 * `file://` (Electron security checklist #18), so pages get a real origin for the CSP and the IPC
 * sender check, and no file outside the renderer folder can be reached. Electron's `protocol` is
 * injected (types only here) so tests drive the handler without Electron.
 */
import fs from 'node:fs/promises';
import type { CustomScheme, Protocol } from 'electron';
import { securityHeaders } from '../core/http/security-headers';
import { lookupStaticFile } from '../core/http/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'loadout';
/** What a window's page URL starts with. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The scheme's privileges: `standard` (real origin, relative URLs), `secure` (like https, so
 * `navigator.clipboard` and other secure-context APIs work), `supportFetchAPI` for module scripts.
 * Register with `protocol.registerSchemesAsPrivileged` before the app is ready.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** The URL of a renderer page (e.g. `monitor.html`) under the app scheme. */
export function appPageUrl(page: string): string {
  return `${APP_ORIGIN}/${page.replace(/^\/+/, '')}`;
}

/** True for a URL under the app origin (nothing else on the app scheme is ours). */
export function isAppOriginUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    // `origin` is "null" for schemes Node's URL does not know, so compare scheme and host.
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}

function plainAnswer(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The handler for `protocol.handle(APP_SCHEME, …)`: GET/HEAD of files under `rendererDir` only, with
 * their MIME type and the CSP; another host, a path out of the folder or a missing file is a 404.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isAppOriginUrl(request.url)) return plainAnswer(404, 'Not a Loadout page.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plainAnswer(405, 'Loadout pages are read-only.');
    // URL parsing drops plain ".." segments; the lookup decodes the path once and refuses anything
    // that still resolves outside the folder (an encoded "..%2f", a backslash on Windows).
    const lookup = lookupStaticFile(rendererDir, new URL(request.url).pathname);
    if (lookup.kind === 'no-build')
      return plainAnswer(
        404,
        `Loadout's windows are not built in ${rendererDir}. Run \`npm run build\`, then start Loadout again.`,
      );
    if (lookup.kind === 'not-found') return plainAnswer(404, 'No such Loadout page.');
    let body: Buffer;
    try {
      body = await fs.readFile(lookup.path);
    } catch {
      return plainAnswer(404, 'No such Loadout page.');
    }
    const headers = { ...securityHeaders(), 'Content-Type': lookup.contentType, 'Content-Length': String(body.length) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** Serve the renderer on the app scheme (call once the app is ready). */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
