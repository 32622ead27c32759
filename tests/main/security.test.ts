import { describe, expect, it } from 'vitest';
import type { Session, Shell, WebContents } from 'electron';
import {
  isHttpUrl,
  lockDownSession,
  lockDownWebContents,
  openExternalSafely,
  secureWebPreferences,
} from '../../electron/main/security';
import { FakeWebContents } from '../support/electron-fakes';

function fakeShell() {
  const opened: string[] = [];
  return {
    opened,
    shell: { openExternal: async (url: string) => void opened.push(url) } as Pick<Shell, 'openExternal'>,
  };
}

describe('security baseline', () => {
  it('sandboxes every window with context isolation and no Node', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      preload: '/app/preload.cjs',
    });
  });

  it('hands only http(s) links to the OS', () => {
    const { opened, shell } = fakeShell();
    for (const url of ['https://lmstudio.ai/docs', 'http://127.0.0.1:1234/'])
      expect(openExternalSafely(shell, url)).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'not a url', ''])
      expect(openExternalSafely(shell, url)).toBe(false);
    expect(opened).toEqual(['https://lmstudio.ai/docs', 'http://127.0.0.1:1234/']);
    expect(isHttpUrl('HTTPS://EXAMPLE.COM')).toBe(true);
  });

  it('denies new windows and navigation; http(s) targets open in the browser instead', () => {
    const { opened, shell } = fakeShell();
    const contents = new FakeWebContents();
    lockDownWebContents(contents as unknown as WebContents, shell);
    expect(contents.windowOpenHandler!({ url: 'https://example.com/a' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    let prevented = 0;
    const event = { preventDefault: () => prevented++ };
    contents.emit('will-navigate', event, 'https://evil.example/');
    contents.emit('will-navigate', event, 'file:///home/user/.ssh/id_rsa');
    contents.emit('will-attach-webview', event);
    contents.emit('will-redirect', event);
    expect(prevented).toBe(4);
    expect(opened).toEqual(['https://example.com/a', 'https://evil.example/']);
  });

  it('denies every permission but the clipboard write of own pages, and adds the strict CSP to responses', () => {
    type Contents = { getURL(): string } | null;
    let requestHandler:
      | ((
          c: Contents,
          p: string,
          cb: (ok: boolean) => void,
          d: { requestingUrl: string; isMainFrame: boolean },
        ) => void)
      | null = null;
    let checkHandler: ((c: Contents, p: string, origin: string) => boolean) | null = null;
    let headersHandler:
      | ((
          d: { responseHeaders?: Record<string, string[]> },
          cb: (r: { responseHeaders: Record<string, string[]> }) => void,
        ) => void)
      | null = null;
    const session = {
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
      webRequest: { onHeadersReceived: (h: typeof headersHandler) => (headersHandler = h) },
    } as unknown as Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>;
    lockDownSession(session, (url) => url.startsWith('app://loadout'));
    const own = { getURL: () => 'app://loadout/quickchat.html' };
    const foreign = { getURL: () => 'https://evil.example/' };
    const ask = (contents: Contents, permission: string, requestingUrl: string, isMainFrame = true) => {
      let answer: boolean | null = null;
      requestHandler!(contents, permission, (ok) => (answer = ok), { requestingUrl, isMainFrame });
      return answer;
    };
    // The Copy buttons (navigator.clipboard.writeText) in our own windows, and nothing else.
    expect(ask(own, 'clipboard-sanitized-write', 'app://loadout/quickchat.html')).toBe(true);
    expect(checkHandler!(own, 'clipboard-sanitized-write', 'app://loadout')).toBe(true);
    expect(ask(foreign, 'clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(ask(own, 'clipboard-sanitized-write', 'https://evil.example/frame.html', false)).toBe(false);
    expect(ask(null, 'clipboard-sanitized-write', 'app://loadout/quickchat.html')).toBe(false);
    expect(checkHandler!(foreign, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(checkHandler!(null, 'clipboard-sanitized-write', 'app://loadout')).toBe(false);
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      expect(ask(own, permission, 'app://loadout/quickchat.html'), permission).toBe(false);
      expect(checkHandler!(own, permission, 'app://loadout'), permission).toBe(false);
    }
    let headers: Record<string, string[]> = {};
    headersHandler!({ responseHeaders: { 'content-type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']![0]).toContain("script-src 'self'");
    expect(headers['Content-Security-Policy']![0]).toContain("object-src 'none'");
    expect(headers['content-type']).toEqual(['text/html']);
  });
});
