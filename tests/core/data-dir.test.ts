/** The app data folder on each platform, with that platform's paths, on any machine. */
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../electron/core/paths';

describe('resolveDataDir', () => {
  it('is %APPDATA%\\Loadout on Windows, as Electron names userData', () => {
    expect(
      resolveDataDir(
        { APPDATA: 'C:\\Users\\Ana\\AppData\\Roaming', HOME: '/home/ana' },
        'win32',
        () => 'C:\\Users\\Ana',
      ),
    ).toBe('C:\\Users\\Ana\\AppData\\Roaming\\Loadout');
  });

  it('falls back to the profile folder (not the HOME MSYS2 sets) when APPDATA is missing or empty', () => {
    expect(resolveDataDir({ HOME: '/home/ana' }, 'win32', () => 'C:\\Users\\Ana')).toBe(
      'C:\\Users\\Ana\\AppData\\Roaming\\Loadout',
    );
    expect(resolveDataDir({ APPDATA: '' }, 'win32', () => 'C:\\Users\\Ana')).toBe(
      'C:\\Users\\Ana\\AppData\\Roaming\\Loadout',
    );
  });

  it('honours LOADOUT_HOME as a Windows path', () => {
    expect(
      resolveDataDir(
        { LOADOUT_HOME: 'D:\\Portable\\Loadout\\data\\', APPDATA: 'C:\\x' },
        'win32',
        () => 'C:\\Users\\Ana',
      ),
    ).toBe('D:\\Portable\\Loadout\\data');
  });

  it('uses XDG_CONFIG_HOME or ~/.config on Linux, Application Support on macOS', () => {
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/home/ana/.cfg' }, 'linux', () => '/home/ana')).toBe(
      '/home/ana/.cfg/Loadout',
    );
    expect(resolveDataDir({}, 'linux', () => '/home/ana')).toBe('/home/ana/.config/Loadout');
    expect(resolveDataDir({}, 'darwin', () => '/Users/ana')).toBe('/Users/ana/Library/Application Support/Loadout');
  });
});
