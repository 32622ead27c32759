import { describe, expect, it } from 'vitest';
import { applyStartAtLogin } from '../../../electron/main/login-item';
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
  it('sets the OS login item from the setting, starting hidden', () => {
    const app = fakeApp();
    applyStartAtLogin(app, true);
    expect(app.loginItem).toEqual({ openAtLogin: true, args: ['--hidden'] });
    applyStartAtLogin(app, false);
    expect(app.loginItem).toMatchObject({ openAtLogin: false });
  });

  it('stores safeStorage output as base64 and reads it back', () => {
    const codec = safeStorageCodec(fakeSafeStorage);
    const stored = codec.encrypt('sk-lm-123');
    expect(stored).not.toContain('sk-lm-123');
    expect(codec.decrypt(stored)).toBe('sk-lm-123');
    expect(() => codec.decrypt(Buffer.from('garbage').toString('base64'))).toThrow(/decrypt/);
  });
});
