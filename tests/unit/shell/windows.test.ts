import { describe, expect, it } from 'vitest';
import { quickChatBounds } from '../../../electron/main/windows/quick-chat-bounds';
import { WindowManager } from '../../../electron/main/windows/window-manager';
import { fakeScreen, windowFactory, type FakeBrowserWindow } from './electron-fakes';

function setup(devServerUrl: string | null = null) {
  const { windows, createWindow } = windowFactory();
  const trusted: number[] = [];
  const manager = new WindowManager({
    createWindow,
    screen: fakeScreen,
    preloadPath: '/app/out/preload/index.cjs',
    devServerUrl,
    onWebContents: (contents) => trusted.push(contents.id),
  });
  return { manager, windows, trusted };
}

describe('windows', () => {
  it('creates the monitor on first use, hidden until ready-to-show, sandboxed, and reuses it', () => {
    const { manager, windows, trusted } = setup();
    expect(windows).toHaveLength(0);
    manager.open('monitor');
    const win = windows[0]!;
    expect(win.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, preload: '/app/out/preload/index.cjs' } });
    // From the app's own scheme, never file:// (Electron security checklist #18).
    expect(win.loaded).toEqual({ kind: 'url', target: 'app://loadout/monitor.html' });
    expect(trusted).toEqual([win.webContents.id]);
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
    win.hide();
    manager.open('monitor');
    expect(windows).toHaveLength(1);
    expect(win.visible).toBe(true);
  });

  it('creates a new settings window after the old one was closed, from the dev server in dev', () => {
    const { manager, windows } = setup('http://localhost:5173');
    manager.open('settings');
    expect(windows[0]!.loaded).toEqual({ kind: 'url', target: 'http://localhost:5173/settings.html' });
    windows[0]!.close();
    manager.open('settings');
    expect(windows).toHaveLength(2);
  });

  it('pre-creates the quick chat hidden and frameless; the hotkey shows it on the cursor’s display', () => {
    const { manager, windows } = setup();
    manager.createQuickChat();
    const chat = windows[0]! as FakeBrowserWindow;
    expect(chat.options).toMatchObject({ show: false, frame: false, skipTaskbar: true, alwaysOnTop: true });
    expect(chat.loaded?.target).toMatch(/quickchat\.html$/);
    manager.toggleQuickChat();
    expect(chat.visible).toBe(true);
    expect(chat.bounds).toEqual({ x: 1920 + (2560 - 640) / 2, y: (1400 - 420) / 4, width: 640, height: 420 });
    manager.toggleQuickChat();
    expect(chat.visible).toBe(false);
  });

  it('hides the quick chat on Esc and on blur, and when its page asks', () => {
    const { manager, windows } = setup();
    manager.createQuickChat();
    const chat = windows[0]!;
    manager.toggleQuickChat();
    let prevented = false;
    chat.webContents.emit('before-input-event', { preventDefault: () => (prevented = true) }, { type: 'keyDown', key: 'Escape' });
    expect(prevented).toBe(true);
    expect(chat.visible).toBe(false);
    manager.toggleQuickChat();
    chat.webContents.emit('before-input-event', { preventDefault: () => {} }, { type: 'keyDown', key: 'a' });
    expect(chat.visible).toBe(true);
    chat.emit('blur');
    expect(chat.visible).toBe(false);
    manager.toggleQuickChat();
    manager.hideWindowOf(chat.webContents.asElectron());
    expect(chat.visible).toBe(false);
  });

  it('never makes the quick chat larger than a small screen', () => {
    expect(quickChatBounds({ x: 0, y: 0, width: 600, height: 400 })).toEqual({ x: 0, y: 0, width: 600, height: 400 });
  });
});
