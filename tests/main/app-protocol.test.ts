/** The app://loadout scheme the windows load from: files of the renderer build only, typed, with the CSP. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from 'electron';
import {
  APP_SCHEME_PRIVILEGES,
  appPageUrl,
  createAppProtocolHandler,
  registerAppProtocol,
} from '../../electron/main/app-protocol';

let base: string;
let rendererDir: string;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-app-protocol-'));
  rendererDir = path.join(base, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Loadout</title>');
  fs.writeFileSync(
    path.join(rendererDir, 'monitor.html'),
    '<!doctype html><title>Monitor</title><script type="module" src="./assets/monitor.js"></script>',
  );
  fs.writeFileSync(path.join(rendererDir, 'assets', 'monitor.js'), 'console.log("monitor")');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'monitor.css'), 'body{}');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // A file beside the renderer folder that no page may read.
  fs.writeFileSync(path.join(base, 'secret.txt'), 'top secret');
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppProtocolHandler(rendererDir)(new Request(url, { method }));

describe('the app:// scheme', () => {
  it('is registered privileged as a standard, secure scheme and handled under "app"', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    const handled: string[] = [];
    registerAppProtocol(
      { handle: (scheme: string) => void handled.push(scheme) } as unknown as Pick<Protocol, 'handle'>,
      rendererDir,
    );
    expect(handled).toEqual(['app']);
    expect(appPageUrl('monitor.html')).toBe('app://loadout/monitor.html');
  });

  it('serves the renderer build with each file’s MIME type and the CSP', async () => {
    const page = await get('app://loadout/monitor.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Monitor</title>');
    expect((await get('app://loadout/assets/monitor.js')).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get('app://loadout/assets/monitor.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://loadout/assets/icon.svg')).headers.get('content-type')).toBe('image/svg+xml');
    const head = await get('app://loadout/assets/monitor.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses paths out of the renderer folder, however they are spelled', async () => {
    for (const url of [
      'app://loadout/../secret.txt',
      'app://loadout/..%2fsecret.txt',
      'app://loadout/assets/..%2F..%2Fsecret.txt',
      'app://loadout/%2e%2e%2fsecret.txt',
      'app://loadout/assets/..%5c..%5csecret.txt',
      `app://loadout/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
      'app://loadout/missing.html',
      'app://loadout/assets',
    ]) {
      const answer = await get(url);
      expect(answer.status, url).toBe(404);
      expect(await answer.text(), url).not.toContain('top secret');
    }
  });

  it('refuses other hosts, other schemes and writes', async () => {
    for (const url of ['app://evil/monitor.html', 'app://loadout.evil/monitor.html', 'file:///etc/passwd']) {
      expect((await get(url)).status, url).toBe(404);
    }
    expect((await get('app://loadout/monitor.html', 'POST')).status).toBe(405);
  });

  it('says to build when the renderer is missing', async () => {
    const answer = await createAppProtocolHandler(path.join(base, 'nowhere'))(
      new Request('app://loadout/monitor.html'),
    );
    expect(answer.status).toBe(404);
    expect(await answer.text()).toContain('npm run build');
  });
});
