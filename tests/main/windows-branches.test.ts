/** The shell's Windows branches, fed Windows inputs, on any machine. */
import { describe, expect, it } from 'vitest';
import { isOwnPageUrl } from '../../electron/main/ipc/trusted-sender';
import { launchCommandFor } from '../../electron/main/login-item';
import { appOsLocale } from '../../electron/main/os-locale';
import { resolveUserLocale } from '../../shared/i18n/user-locale';

describe('the start-at-login command on Windows', () => {
  const installed = String.raw`C:\Users\Ana Souza\AppData\Local\Programs\Loadout\Loadout.exe`;

  it('is the installed exe, even when a Git Bash or WSL shell left APPIMAGE set', () => {
    expect(
      launchCommandFor({
        platform: 'win32',
        packaged: true,
        env: { APPIMAGE: '/tmp/x.AppImage' },
        execPath: installed,
        appPath: String.raw`C:\x\resources\app.asar`,
      }),
    ).toEqual([installed]);
  });

  it('is electron plus the app folder in dev, and the AppImage on Linux', () => {
    expect(
      launchCommandFor({
        platform: 'win32',
        packaged: false,
        env: {},
        execPath: String.raw`C:\src\loadout\node_modules\electron\dist\electron.exe`,
        appPath: String.raw`C:\src\loadout`,
      }),
    ).toEqual([String.raw`C:\src\loadout\node_modules\electron\dist\electron.exe`, String.raw`C:\src\loadout`]);
    expect(
      launchCommandFor({
        platform: 'linux',
        packaged: true,
        env: { APPIMAGE: '/home/ana/Loadout.AppImage' },
        execPath: '/tmp/.mount_x/loadout',
        appPath: '',
      }),
    ).toEqual(['/home/ana/Loadout.AppImage']);
  });
});

describe('own-page check with Windows URLs', () => {
  it('trusts app://loadout pages and refuses file: pages, even the bundle installed under Program Files', () => {
    expect(isOwnPageUrl('app://loadout/monitor.html', { devServerUrl: null })).toBe(true);
    for (const url of [
      'file:///C:/Program%20Files/Loadout/resources/app.asar/out/renderer/monitor.html',
      'file:///C:/Users/Ana/Downloads/monitor.html',
      'file://server/share/monitor.html',
      String.raw`C:\Program Files\Loadout\resources\app.asar\out\renderer\monitor.html`,
    ]) {
      expect(isOwnPageUrl(url, { devServerUrl: null }), url).toBe(false);
    }
  });
});

describe('the OS locale on Windows, where there is no LANG', () => {
  it("follows the region's formats (getSystemLocale), not the display language (getLocale)", () => {
    const englishWindowsInBrazil = { getLocale: () => 'en-US', getSystemLocale: () => 'pt-BR' };
    expect(appOsLocale(englishWindowsInBrazil)).toBe('pt-BR');
    expect(
      resolveUserLocale({ ui: { language: 'auto' }, energy: { currency: null } }, [
        appOsLocale(englishWindowsInBrazil),
      ]),
    ).toEqual({ language: 'pt-BR', currency: 'BRL' });
  });

  it('falls back to the UI language, then English, when Chromium reports no system locale', () => {
    expect(appOsLocale({ getLocale: () => 'pt-BR', getSystemLocale: () => '' })).toBe('pt-BR');
    expect(appOsLocale({ getLocale: () => '', getSystemLocale: () => '' })).toBe('en');
  });
});
