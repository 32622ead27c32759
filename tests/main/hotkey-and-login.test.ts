import { describe, expect, it } from 'vitest';
import { applyStartAtLogin, autostartEntry, WINDOWS_RUN_VALUE_NAME } from '../../electron/main/login-item';
import { QuickChatHotkey } from '../../electron/main/quick-chat-hotkey';
import { safeStorageCodec } from '../../electron/main/safe-storage-codec';
import { fakeApp, FakeGlobalShortcut, fakeSafeStorage } from '../support/electron-fakes';

describe('quick chat hotkey', () => {
  it('registers, re-registers on change and releases the old one', () => {
    const shortcuts = new FakeGlobalShortcut();
    let presses = 0;
    const hotkey = new QuickChatHotkey(shortcuts, () => presses++);
    expect(hotkey.set('Control+Alt+Space')).toEqual({ ok: true, accelerator: 'Control+Alt+Space' });
    shortcuts.registered.get('Control+Alt+Space')!();
    expect(presses).toBe(1);
    hotkey.set('Alt+Shift+K');
    expect([...shortcuts.registered.keys()]).toEqual(['Alt+Shift+K']);
  });

  it('reports a refused or invalid shortcut instead of failing silently', () => {
    const hotkey = new QuickChatHotkey(new FakeGlobalShortcut(new Set(['Control+Alt+Space'])), () => {});
    expect(hotkey.set('Control+Alt+Space')).toMatchObject({
      ok: false,
      cause: 'taken',
      detail: null,
      reason: expect.stringContaining('refused'),
    });
    expect(hotkey.set('Ctrl+Nope')).toMatchObject({
      ok: false,
      cause: 'invalid',
      detail: expect.stringContaining('conversion failure from Ctrl+Nope'),
      reason: expect.stringContaining('not a valid shortcut'),
    });
    expect(hotkey.registered).toBeNull();
  });
});

describe('start at login and the token codec', () => {
  function target(
    platform: NodeJS.Platform,
    packaged = true,
    launchCommand = ['/home/ana/Apps/Loadout 0.1.0.AppImage'],
  ) {
    const files = new Map<string, string>();
    const app = fakeApp();
    let fileWrites = 0;
    return {
      app,
      files,
      fileWrites: () => fileWrites,
      target: {
        app,
        platform,
        packaged,
        launchCommand,
        configHome: '/home/ana/.config',
        readFile: (f: string) => files.get(f) ?? null,
        writeFile: (f: string, t: string) => void (fileWrites++, files.set(f, t)),
        removeFile: (f: string) => void (fileWrites++, files.delete(f)),
      },
    };
  }

  it('sets the Windows Run entry with the installed exe and --hidden, under a name the uninstaller removes', () => {
    const exe = String.raw`C:\Users\ana\AppData\Local\Programs\Loadout\Loadout.exe`;
    const t = target('win32', true, [exe]);
    expect(applyStartAtLogin(t.target, true)).toBe('applied');
    expect(t.app.loginItem).toEqual({ openAtLogin: true, path: exe, args: ['--hidden'], name: WINDOWS_RUN_VALUE_NAME });
    expect(applyStartAtLogin(t.target, false)).toBe('applied');
    expect(t.app.loginItem).toMatchObject({ openAtLogin: false, path: exe, name: WINDOWS_RUN_VALUE_NAME });
    expect(t.files.size).toBe(0);
  });

  it('sets the macOS login item, starting hidden', () => {
    const t = target('darwin');
    applyStartAtLogin(t.target, true);
    expect(t.app.loginItem).toEqual({ openAtLogin: true, args: ['--hidden'] });
    applyStartAtLogin(t.target, false);
    expect(t.app.loginItem).toMatchObject({ openAtLogin: false });
  });

  it('writes the OS only when it differs from the setting', () => {
    const win = target('win32', true, ['C:\\Loadout\\Loadout.exe']);
    applyStartAtLogin(win.target, true);
    expect(applyStartAtLogin(win.target, true)).toBe('unchanged');
    expect(win.app.loginItemWrites).toBe(1);
    // An entry for another install (another path) is replaced by this one.
    const moved = { ...win.target, launchCommand: ['D:\\Apps\\Loadout\\Loadout.exe'] };
    expect(applyStartAtLogin(moved, true)).toBe('applied');
    const linux = target('linux');
    applyStartAtLogin(linux.target, true);
    expect(applyStartAtLogin(linux.target, true)).toBe('unchanged');
    expect(applyStartAtLogin(linux.target, false)).toBe('applied');
    expect(applyStartAtLogin(linux.target, false)).toBe('unchanged');
    expect(linux.fileWrites()).toBe(2);
  });

  it("touches nothing when not packaged (`npm start` must not replace the installed app's entry)", () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const t = target(platform, false);
      expect(applyStartAtLogin(t.target, true)).toBe('not-packaged');
      expect(t.app.loginItemWrites).toBe(0);
      expect(t.fileWrites()).toBe(0);
    }
  });

  it('writes and removes an XDG autostart entry on Linux, quoting the path', () => {
    const t = target('linux');
    applyStartAtLogin(t.target, true);
    const entry = t.files.get('/home/ana/.config/autostart/loadout.desktop');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec="/home/ana/Apps/Loadout 0.1.0.AppImage" --hidden');
    expect(t.app.loginItem).toBeNull();
    applyStartAtLogin(t.target, false);
    expect(t.files.size).toBe(0);
    // Spec: `$` and `"` get a backslash inside quotes, then backslashes are doubled in the file.
    expect(autostartEntry(['/opt/Lo$ad"out/loadout'])).toContain(
      String.raw`Exec="/opt/Lo\\$ad\\"out/loadout" --hidden`,
    );
  });

  it('stores safeStorage output as base64 and reads it back', () => {
    const codec = safeStorageCodec(fakeSafeStorage);
    const stored = codec.encrypt('sk-lm-123');
    expect(stored).not.toContain('sk-lm-123');
    expect(codec.decrypt(stored)).toBe('sk-lm-123');
    expect(() => codec.decrypt(Buffer.from('garbage').toString('base64'))).toThrow(/decrypt/);
  });
});
