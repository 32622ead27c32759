import { describe, expect, it } from 'vitest';
import { applyStartAtLogin, autostartEntry } from '../../../electron/main/login-item';
import { QuickChatHotkey } from '../../../electron/main/quick-chat-hotkey';
import { safeStorageCodec } from '../../../electron/main/safe-storage-codec';
import { fakeApp, FakeGlobalShortcut, fakeSafeStorage } from './electron-fakes';

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
    expect(hotkey.set('Control+Alt+Space')).toMatchObject({ ok: false, reason: expect.stringContaining('refused') });
    expect(hotkey.set('Ctrl+Nope')).toMatchObject({ ok: false, reason: expect.stringContaining('not a valid shortcut') });
    expect(hotkey.registered).toBeNull();
  });
});

describe('start at login and the token codec', () => {
  function target(platform: NodeJS.Platform) {
    const files = new Map<string, string>();
    const app = fakeApp();
    return {
      app,
      files,
      target: {
        app, platform, launchCommand: ['/home/ana/Apps/Loadout 0.1.0.AppImage'], configHome: '/home/ana/.config',
        writeFile: (f: string, t: string) => void files.set(f, t), removeFile: (f: string) => void files.delete(f),
      },
    };
  }

  it('sets the OS login item on Windows and macOS, starting hidden', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const t = target(platform);
      applyStartAtLogin(t.target, true);
      expect(t.app.loginItem).toEqual({ openAtLogin: true, args: ['--hidden'] });
      applyStartAtLogin(t.target, false);
      expect(t.app.loginItem).toMatchObject({ openAtLogin: false });
      expect(t.files.size).toBe(0);
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
    expect(autostartEntry(['/opt/Lo$ad"out/loadout'])).toContain(String.raw`Exec="/opt/Lo\\$ad\\"out/loadout" --hidden`);
  });

  it('stores safeStorage output as base64 and reads it back', () => {
    const codec = safeStorageCodec(fakeSafeStorage);
    const stored = codec.encrypt('sk-lm-123');
    expect(stored).not.toContain('sk-lm-123');
    expect(codec.decrypt(stored)).toBe('sk-lm-123');
    expect(() => codec.decrypt(Buffer.from('garbage').toString('base64'))).toThrow(/decrypt/);
  });
});
