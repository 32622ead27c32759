import { describe, expect, it } from 'vitest';
import type { Rectangle } from 'electron';
import { centreInWorkArea, clampToWorkArea } from '../../../electron/main/windows/fit-to-work-area';
import { quickChatBounds } from '../../../electron/main/windows/quick-chat-bounds';
import { WindowManager } from '../../../electron/main/windows/window-manager';
import { fakeScreen, windowFactory, type FakeBrowserWindow } from '../../support/electron-fakes';

function setup(devServerUrl: string | null = null, screen: typeof fakeScreen = fakeScreen) {
  const { windows, createWindow } = windowFactory();
  const trusted: number[] = [];
  const manager = new WindowManager({
    createWindow,
    screen,
    packaged: true,
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
    expect(win.options).toMatchObject({
      show: false,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        preload: '/app/out/preload/index.cjs',
      },
    });
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

  it('opens the presets window on a machine: a new one loads with the hash, an open one moves to it in place', () => {
    const { manager, windows } = setup();
    manager.open('settings', { hash: '#presets?machine=workstation' });
    expect(windows[0]!.loaded).toEqual({
      kind: 'url',
      target: 'app://loadout/settings.html#presets?machine=workstation',
    });
    windows[0]!.emit('ready-to-show');
    manager.open('settings', { hash: '#presets?machine=lab&visit=2' });
    expect(windows).toHaveLength(1);
    expect(windows[0]!.loaded).toEqual({
      kind: 'url',
      target: 'app://loadout/settings.html#presets?machine=lab&visit=2',
    });
    // Opened plainly, it stays where it is.
    manager.open('settings');
    expect(windows[0]!.loaded?.target).toBe('app://loadout/settings.html#presets?machine=lab&visit=2');
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
    chat.webContents.emit(
      'before-input-event',
      { preventDefault: () => (prevented = true) },
      { type: 'keyDown', key: 'Escape' },
    );
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

  it('opens the monitor inside a 1080p display at 150 % (1280×680 work area), centred', () => {
    // 1920×1080 at 150 % is 1280×720 in DIPs; the taskbar takes 40 more.
    const workArea: Rectangle = { x: 0, y: 0, width: 1280, height: 680 };
    const small = {
      ...fakeScreen,
      getDisplayNearestPoint: () => ({ workArea }) as Electron.Display,
      getDisplayMatching: () => ({ workArea }) as Electron.Display,
    };
    const { manager, windows } = setup(null, small);
    manager.open('monitor');
    expect(windows[0]!.options).toMatchObject({ x: 50, y: 0, width: 1180, height: 680 });
    expect(windows[0]!.options.minHeight).toBeLessThanOrEqual(680);
  });

  it('opens on the cursor’s display, and pulls a window back inside when its display shrank', () => {
    const { manager, windows } = setup();
    manager.open('settings');
    const win = windows[0]!;
    // The cursor is on the second display (x from 1920, 2560×1400).
    expect(win.getBounds()).toEqual({ x: 1920 + (2560 - 980) / 2, y: (1400 - 760) / 2, width: 980, height: 760 });
    win.emit('ready-to-show');
    win.hide();
    win.setBounds({ x: 100, y: 700, width: 980, height: 760 }); // on the first display (1920×1040), hanging below it
    manager.open('settings');
    expect(win.getBounds()).toEqual({ x: 100, y: 1040 - 760, width: 980, height: 760 });
  });

  it('fits bounds to a work area: shrinks, then moves inside; leaves fitting bounds alone', () => {
    const workArea = { x: -1280, y: 0, width: 1280, height: 680 };
    expect(centreInWorkArea({ width: 1180, height: 820 }, workArea)).toEqual({
      x: -1230,
      y: 0,
      width: 1180,
      height: 680,
    });
    expect(clampToWorkArea({ x: -2000, y: 500, width: 1400, height: 300 }, workArea)).toEqual({
      x: -1280,
      y: 380,
      width: 1280,
      height: 300,
    });
    expect(clampToWorkArea({ x: -1000, y: 10, width: 600, height: 400 }, workArea)).toEqual({
      x: -1000,
      y: 10,
      width: 600,
      height: 400,
    });
  });
});
