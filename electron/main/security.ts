/**
 * Loadout's Electron security baseline, in one place.
 * READ THE ELECTRON SECURITY CHECKLIST BEFORE CHANGING: https://www.electronjs.org/docs/latest/tutorial/security
 * Every window: sandbox, context isolation, no Node integration, no webview; every webContents:
 * navigation and new windows denied (http(s) links go to the browser), every permission denied but the
 * clipboard write of our own pages (the Copy buttons), a strict CSP.
 * Electron objects are injected (types only here) so tests check this without Electron.
 */
import type { App, Session, Shell, WebContents, WebPreferences } from 'electron';
import { LOADOUT_CSP } from '../core/http/security-headers';

/** The webPreferences every Loadout window uses. Do not loosen. DevTools only where asked (`npm start`, never packaged). */
export function secureWebPreferences(preloadPath: string, options: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    devTools: options.devTools ?? false,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** True for absolute http(s) URLs: the only links Loadout hands to the OS. */
export function isHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Open a link in the user's browser, only when it is http(s). */
export function openExternalSafely(shell: Pick<Shell, 'openExternal'>, url: string): boolean {
  if (!isHttpUrl(url)) return false;
  void shell.openExternal(url);
  return true;
}

/** Lock down one webContents: no navigation away, no new windows (links go to the browser), no webviews. */
export function lockDownWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(shell, url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternalSafely(shell, url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The only permissions Loadout's own pages get: writing text to the clipboard (every Copy button). */
export const OWN_PAGE_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** True for a permission our own window (its page and the asking URL both ours) may have. */
function isOwnPagePermission(
  contents: Pick<WebContents, 'getURL'> | null,
  permission: string,
  askingUrl: string,
  isOwnPage: (url: string) => boolean,
): boolean {
  return (
    OWN_PAGE_PERMISSIONS.has(permission) && contents !== null && isOwnPage(contents.getURL()) && isOwnPage(askingUrl)
  );
}

/**
 * Deny every permission request (camera, notifications from pages, geolocation …) except
 * OWN_PAGE_PERMISSIONS for our own pages (`isOwnPage`: the app origin, or the dev server in
 * `npm start`), and add the CSP to every response.
 */
export function lockDownSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>,
  isOwnPage: (url: string) => boolean,
): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(details.isMainFrame && isOwnPagePermission(contents, permission, details.requestingUrl, isOwnPage));
  });
  session.setPermissionCheckHandler((contents, permission, requestingOrigin) =>
    isOwnPagePermission(contents, permission, requestingOrigin, isOwnPage),
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [LOADOUT_CSP] } });
  });
}

/** Apply the baseline app-wide: every webContents created from now on is locked down. */
export function applySecurityBaseline(
  app: Pick<App, 'on'>,
  session: Parameters<typeof lockDownSession>[0],
  shell: Pick<Shell, 'openExternal'>,
  isOwnPage: (url: string) => boolean,
): void {
  lockDownSession(session, isOwnPage);
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, shell));
}
