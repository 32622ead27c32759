/**
 * Loadout's windows: the hardware monitor and presets & settings, created on first use and shown on
 * `ready-to-show`; the quick chat, created hidden at start (so the hotkey shows it at once), frameless,
 * shown near the cursor's display and hidden on Esc or blur. BrowserWindow creation and the screen
 * are injected so tests drive this with fakes.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Screen, WebContents } from 'electron';
import { appPageUrl } from '../app-protocol';
import { secureWebPreferences } from '../security';
import { isDeveloperShortcut } from './developer-shortcuts';
import { centreInWorkArea, clampToWorkArea, minSizeWithin } from './fit-to-work-area';
import { quickChatBounds } from './quick-chat-bounds';

export type WindowKind = 'monitor' | 'settings' | 'quickchat';

/** The HTML entry of each window in the renderer build (renderer/<name>.html). */
export const WINDOW_PAGES: Record<WindowKind, string> = {
  monitor: 'monitor.html',
  settings: 'settings.html',
  quickchat: 'quickchat.html',
};

export interface WindowManagerOptions {
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindow;
  screen: Pick<Screen, 'getCursorScreenPoint' | 'getDisplayNearestPoint' | 'getDisplayMatching'>;
  preloadPath: string;
  /** A packaged build: no DevTools, and reload/DevTools keys swallowed. Unpackaged (`npm start`): F12 toggles DevTools. */
  packaged: boolean;
  /** The dev server URL in `npm start`, else null. */
  devServerUrl: string | null;
  /** Called for every window's webContents so IPC trusts it. */
  onWebContents(contents: WebContents): void;
  iconPath?: string;
  /** Called when a window is created; what it returns is called when that window closes (the monitor holds the GPU process list). */
  onWindowOpen?(kind: WindowKind): (() => void) | undefined;
}

const TITLES: Record<Exclude<WindowKind, 'quickchat'>, string> = {
  monitor: 'Loadout: hardware monitor',
  settings: 'Loadout: presets & settings',
};
const SIZES: Record<Exclude<WindowKind, 'quickchat'>, { width: number; height: number }> = {
  monitor: { width: 1180, height: 820 },
  settings: { width: 980, height: 760 },
};
const MIN_SIZE = { width: 720, height: 520 };

/** Creates, shows and hides Loadout's windows. */
export class WindowManager {
  private readonly windows = new Map<WindowKind, BrowserWindow>();

  constructor(private readonly options: WindowManagerOptions) {}

  /**
   * Show the monitor or the settings window, creating it the first time. `hash` (with '#') picks what it
   * shows (`#presets?machine=NAME`): a new window loads with it, an open one is moved to it in place
   * (a fragment-only navigation: no reload, the page hears hashchange).
   */
  open(kind: Exclude<WindowKind, 'quickchat'>, options: { hash?: string } = {}): BrowserWindow {
    const existing = this.windows.get(kind);
    if (existing && !existing.isDestroyed()) {
      if (options.hash) void existing.loadURL(this.pageUrl(kind) + options.hash);
      if (existing.isMinimized()) existing.restore();
      // Its display may have shrunk or gone (scaling changed, a monitor unplugged) since it was placed.
      const bounds = existing.getBounds();
      const fitted = clampToWorkArea(bounds, this.options.screen.getDisplayMatching(bounds).workArea);
      if (
        fitted.x !== bounds.x ||
        fitted.y !== bounds.y ||
        fitted.width !== bounds.width ||
        fitted.height !== bounds.height
      )
        existing.setBounds(fitted);
      existing.show();
      existing.focus();
      return existing;
    }
    // On the display the user is working on (the tray or hotkey was just used there), inside its work area.
    const { workArea } = this.options.screen.getDisplayNearestPoint(this.options.screen.getCursorScreenPoint());
    const min = minSizeWithin(MIN_SIZE, workArea);
    const win = this.create(
      kind,
      {
        ...centreInWorkArea(SIZES[kind], workArea),
        minWidth: min.width,
        minHeight: min.height,
        title: TITLES[kind],
      },
      options.hash ?? '',
    );
    win.once('ready-to-show', () => win.show());
    return win;
  }

  /** Create the hidden quick chat (call once at start). */
  createQuickChat(): BrowserWindow {
    const win = this.create('quickchat', {
      width: 640,
      height: 420,
      frame: false,
      resizable: false,
      movable: true,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      title: 'Loadout: quick chat',
    });
    win.on('blur', () => win.hide());
    win.webContents.on('before-input-event', (event, input) => {
      if (input.type === 'keyDown' && input.key === 'Escape') {
        event.preventDefault();
        win.hide();
      }
    });
    return win;
  }

  /** Hotkey and menu: hide the quick chat if shown, else show it on the cursor's display and focus it. */
  toggleQuickChat(): void {
    const win = this.windows.get('quickchat') ?? this.createQuickChat();
    if (win.isDestroyed()) {
      this.windows.delete('quickchat');
      return this.toggleQuickChat();
    }
    if (win.isVisible() && win.isFocused()) return win.hide();
    const display = this.options.screen.getDisplayNearestPoint(this.options.screen.getCursorScreenPoint());
    win.setBounds(quickChatBounds(display.workArea));
    win.show();
    win.focus();
  }

  /** Hide the window that owns these webContents (the renderer's Esc / hide request). */
  hideWindowOf(contents: WebContents): void {
    for (const win of this.windows.values()) {
      if (!win.isDestroyed() && win.webContents.id === contents.id) win.hide();
    }
  }

  /** The window of a kind, if it exists. */
  get(kind: WindowKind): BrowserWindow | undefined {
    const win = this.windows.get(kind);
    return win && !win.isDestroyed() ? win : undefined;
  }

  /** The page of a window: from the dev server in dev, else from the app scheme (app-protocol.ts), never file://. */
  private pageUrl(kind: WindowKind): string {
    const page = WINDOW_PAGES[kind];
    return this.options.devServerUrl
      ? new URL(page, this.options.devServerUrl.replace(/\/?$/, '/')).href
      : appPageUrl(page);
  }

  private create(kind: WindowKind, extra: BrowserWindowConstructorOptions, hash = ''): BrowserWindow {
    const win = this.options.createWindow({
      ...extra,
      show: false,
      icon: this.options.iconPath,
      webPreferences: secureWebPreferences(this.options.preloadPath, { devTools: !this.options.packaged }),
    });
    this.windows.set(kind, win);
    this.options.onWebContents(win.webContents);
    win.webContents.on('before-input-event', (event, input) => {
      if (!isDeveloperShortcut(input)) return;
      if (this.options.packaged) event.preventDefault();
      else if (input.type === 'keyDown' && input.key === 'F12') win.webContents.toggleDevTools();
    });
    const release = this.options.onWindowOpen?.(kind);
    win.on('closed', () => {
      release?.();
      if (this.windows.get(kind) === win) this.windows.delete(kind);
    });
    void win.loadURL(this.pageUrl(kind) + hash);
    return win;
  }
}
