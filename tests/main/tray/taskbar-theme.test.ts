/** Windows' taskbar theme: read from the registry (not nativeTheme, which follows the app mode), at start and on theme changes. */
import { describe, expect, it } from 'vitest';
import {
  parseSystemUsesLightTheme,
  PERSONALIZE_KEY,
  readTaskbarTheme,
  TaskbarThemeWatch,
  type TaskbarTheme,
} from '../../../electron/main/tray/taskbar-theme';
import { FakeNativeTheme } from '../../support/electron-fakes';

// What `reg query HKCU\…\Personalize /v SystemUsesLightTheme` prints on Windows 11 (CRLF line ends).
const regOutput = (value: string) =>
  `\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize\r\n    SystemUsesLightTheme    REG_DWORD    ${value}\r\n\r\n`;

describe('taskbar theme', () => {
  it('reads SystemUsesLightTheme from reg query output', async () => {
    expect(parseSystemUsesLightTheme(regOutput('0x1'))).toBe('light');
    expect(parseSystemUsesLightTheme(regOutput('0x0'))).toBe('dark');
    expect(
      parseSystemUsesLightTheme('ERROR: The system was unable to find the specified registry key or value.'),
    ).toBeNull();
    const runs: Array<[string, string[]]> = [];
    await expect(readTaskbarTheme(async (file, args) => (runs.push([file, args]), regOutput('0x1')))).resolves.toBe(
      'light',
    );
    expect(runs).toEqual([['reg', ['query', PERSONALIZE_KEY, '/v', 'SystemUsesLightTheme']]]);
    // reg exits 1 when the value is missing (Windows 10 before 1903): unknown, not a crash.
    await expect(
      readTaskbarTheme(async () => {
        throw Object.assign(new Error('Command failed: reg'), { code: 1 });
      }),
    ).resolves.toBeNull();
  });

  it('starts from nativeTheme, then follows the registry on every theme update, even against the app theme', async () => {
    const nativeTheme = new FakeNativeTheme();
    nativeTheme.shouldUseDarkColors = false;
    let registry: TaskbarTheme | null = 'dark';
    let reads = 0;
    const changes: TaskbarTheme[] = [];
    const watch = new TaskbarThemeWatch({
      nativeTheme: nativeTheme.asElectron(),
      read: async () => (reads++, registry),
      onChange: (t) => changes.push(t),
    });
    expect(watch.current).toBe('light');
    await watch.reread();
    // Windows 11 "custom" mode: dark taskbar, light apps.
    expect([watch.current, changes]).toEqual(['dark', ['dark']]);
    registry = 'light';
    nativeTheme.update(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(changes).toEqual(['dark', 'light']);
    // An update that leaves the taskbar as it was reports nothing.
    nativeTheme.update(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(changes).toEqual(['dark', 'light']);
    expect(reads).toBe(3);
    watch.dispose();
    nativeTheme.update(false);
    expect(reads).toBe(3);
  });

  it('never lets an older, slower read undo a newer one', async () => {
    const answers: Array<(t: TaskbarTheme) => void> = [];
    const changes: TaskbarTheme[] = [];
    const watch = new TaskbarThemeWatch({
      nativeTheme: new FakeNativeTheme().asElectron(),
      read: () => new Promise<TaskbarTheme>((resolve) => answers.push(resolve)),
      onChange: (t) => changes.push(t),
    });
    const first = watch.reread();
    const second = watch.reread();
    answers[1]!('dark');
    await second;
    answers[0]!('light');
    await first;
    expect([watch.current, changes]).toEqual(['dark', ['dark']]);
  });
});
