/**
 * Fakes of the Electron objects the shell uses, implementing the parts of Electron's types it calls.
 * No Electron binary is needed (none exists here): the shell receives these through its deps.
 */
import { EventEmitter } from 'node:events';
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  IpcMain,
  IpcMainInvokeEvent,
  Menu,
  MenuItemConstructorOptions,
  NativeImage,
  NotificationConstructorOptions,
  Rectangle,
  Tray,
  WebContents,
} from 'electron';

let nextContentsId = 100;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  destroyed = false;
  url = '';
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  devToolsToggles = 0;
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  toggleDevTools() {
    this.devToolsToggles++;
  }
  /** Press a key as Chromium reports it to 'before-input-event'; true when a listener swallowed it. */
  press(input: Partial<Electron.Input> & { key: string }): boolean {
    let prevented = false;
    const full = { type: 'keyDown', code: '', control: false, meta: false, shift: false, alt: false, ...input };
    this.emit('before-input-event', { preventDefault: () => (prevented = true) }, full);
    return prevented;
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
  asElectron(): WebContents {
    return this as unknown as WebContents;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  visible = false;
  focused = false;
  destroyed = false;
  minimized = false;
  bounds: Rectangle = { x: 0, y: 0, width: 0, height: 0 };
  loaded: { kind: 'file' | 'url'; target: string } | null = null;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
  }
  getBounds() {
    return { ...this.bounds };
  }
  isDestroyed() {
    return this.destroyed;
  }
  isVisible() {
    return this.visible;
  }
  isFocused() {
    return this.focused;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  show() {
    this.visible = true;
    this.focused = true;
  }
  focus() {
    this.focused = true;
  }
  hide() {
    this.visible = false;
    this.focused = false;
  }
  setBounds(bounds: Rectangle) {
    this.bounds = bounds;
  }
  async loadFile(file: string) {
    this.loaded = { kind: 'file', target: file };
    this.webContents.url = `file://${file}`;
  }
  async loadURL(url: string) {
    this.loaded = { kind: 'url', target: url };
    this.webContents.url = url;
  }
  close() {
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}

/** createWindow for the shell: records every window. */
export function windowFactory() {
  const windows: FakeBrowserWindow[] = [];
  const createWindow = (options: BrowserWindowConstructorOptions) => {
    const win = new FakeBrowserWindow(options);
    windows.push(win);
    return win as unknown as BrowserWindow;
  };
  return { windows, createWindow };
}

export class FakeTray extends EventEmitter {
  tooltip = '';
  image: NativeImage | null;
  menu: FakeMenu | null = null;
  destroyed = false;
  constructor(image: NativeImage) {
    super();
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setImage(image: NativeImage) {
    this.image = image;
  }
  setContextMenu(menu: Menu | null) {
    this.menu = menu as unknown as FakeMenu;
  }
  destroy() {
    this.destroyed = true;
  }
}

/** Menu.buildFromTemplate stand-in: keeps the template to inspect and click. */
export class FakeMenu {
  constructor(readonly template: MenuItemConstructorOptions[]) {}
  item(id: string): MenuItemConstructorOptions {
    const found = this.template.find((i) => i.id === id);
    if (!found) throw new Error(`no menu item ${id}; have ${this.template.map((i) => i.id ?? i.label).join(', ')}`);
    return found;
  }
  click(id: string, checked?: boolean) {
    const item = this.item(id);
    (item.click as (menuItem: { checked: boolean }) => void)({ checked: checked ?? Boolean(item.checked) });
  }
}

/** A NativeImage stand-in that remembers which icon was asked for. */
export function fakeIcon(name: string): NativeImage {
  return { name } as unknown as NativeImage;
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  readonly listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  handle(channel: string, handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
    this.listeners.set(channel, listener);
    return this;
  }
  removeListener(channel: string) {
    this.listeners.delete(channel);
    return this;
  }
  asElectron(): IpcMain {
    return this as unknown as IpcMain;
  }
  /** Invoke like ipcRenderer.invoke from a frame with this URL (main frame unless `parent` is given). */
  async invoke(sender: FakeWebContents, url: string, channel: string, params?: unknown, parent: unknown = null) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event = { sender, senderFrame: { url, parent } } as unknown as IpcMainInvokeEvent;
    return handler(event, params);
  }
  send(sender: FakeWebContents, url: string, channel: string, ...args: unknown[]) {
    this.listeners.get(channel)?.({ sender, senderFrame: { url, parent: null } }, ...args);
  }
}

export class FakeGlobalShortcut {
  readonly registered = new Map<string, () => void>();
  constructor(private readonly refuse: Set<string> = new Set()) {}
  register(accelerator: string, callback: () => void): boolean {
    if (accelerator.includes('Nope'))
      throw new Error(`Error processing argument at index 0, conversion failure from ${accelerator}`);
    if (this.refuse.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string) {
    this.registered.delete(accelerator);
  }
}

export class FakeNotification {
  static shown: NotificationConstructorOptions[] = [];
  /** Every notification shown, in order (`shown` holds their options). */
  static instances: FakeNotification[] = [];
  private static readonly showing = new EventEmitter();
  private readonly emitter = new EventEmitter();
  constructor(readonly options: NotificationConstructorOptions) {}
  /**
   * The first notification shown from number `from` on whose options match, awaited as it is shown: no
   * wall-clock deadline (a loaded machine only makes it later; the test's own timeout bounds the wait).
   */
  static shownFrom(
    from: number,
    match: (options: NotificationConstructorOptions) => boolean,
  ): Promise<FakeNotification> {
    return new Promise((resolve) => {
      const look = () => {
        const found = FakeNotification.instances.slice(from).find((n) => match(n.options));
        if (!found) return;
        FakeNotification.showing.off('shown', look);
        resolve(found);
      };
      FakeNotification.showing.on('shown', look);
      look();
    });
  }
  on(event: 'click' | 'action' | 'close' | 'failed', listener: (...args: unknown[]) => void) {
    this.emitter.on(event, listener);
    return this;
  }
  show() {
    FakeNotification.shown.push(this.options);
    FakeNotification.instances.push(this);
    FakeNotification.showing.emit('shown');
  }
  click() {
    this.emitter.emit('click');
  }
  /** Dismissed by the user or timed out. */
  close() {
    this.emitter.emit('close');
  }
  /** Windows could not show it (notifications off for the app, Focus assist). */
  fail(error = 'toast disabled') {
    this.emitter.emit('failed', {}, error);
  }
  /** Press the notification's button number `index` (macOS). */
  action(index: number) {
    this.emitter.emit('action', {}, index);
  }
}

/** Two displays side by side; the cursor is on the second. */
export const fakeScreen = {
  cursor: { x: 2500, y: 300 },
  getCursorScreenPoint() {
    return this.cursor;
  },
  getDisplayNearestPoint(point: { x: number; y: number }) {
    const workArea =
      point.x >= 1920 ? { x: 1920, y: 0, width: 2560, height: 1400 } : { x: 0, y: 0, width: 1920, height: 1040 };
    return { workArea } as unknown as Electron.Display;
  },
  getDisplayMatching(rect: Rectangle) {
    return this.getDisplayNearestPoint({ x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 });
  },
};

/** nativeTheme: `update()` flips the app theme and fires 'updated' as Electron does. */
export class FakeNativeTheme extends EventEmitter {
  shouldUseDarkColors = false;
  update(dark: boolean) {
    this.shouldUseDarkColors = dark;
    this.emit('updated');
  }
  asElectron(): Pick<Electron.NativeTheme, 'on' | 'removeListener' | 'shouldUseDarkColors'> {
    return this as unknown as Pick<Electron.NativeTheme, 'on' | 'removeListener' | 'shouldUseDarkColors'>;
  }
}

/** Electron's protocol module: records the scheme handlers the shell registers. */
export class FakeProtocol {
  readonly handlers = new Map<string, (request: Request) => Promise<Response>>();
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    this.handlers.set(scheme, handler);
  }
  asElectron(): Pick<Electron.Protocol, 'handle'> {
    return this as unknown as Pick<Electron.Protocol, 'handle'>;
  }
}

/** safeStorage that "encrypts" reversibly with a visible marker, so tests can see the stored form is not the token. */
export const fakeSafeStorage = {
  available: true,
  /** What Linux reports; `basic_text` means no keyring (plain text in effect). */
  backend: 'gnome_libsecret' as ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>,
  isEncryptionAvailable() {
    return this.available;
  },
  getSelectedStorageBackend() {
    return this.backend;
  },
  encryptString(plain: string) {
    return Buffer.from(`enc:${[...plain].reverse().join('')}`);
  },
  decryptString(buf: Buffer) {
    const text = buf.toString();
    if (!text.startsWith('enc:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return [...text.slice(4)].reverse().join('');
  },
};

/** The app module; `isPackaged` true unless a test says it runs under `npm start`. */
export function fakeApp(isPackaged = true) {
  return {
    isPackaged,
    quitCalls: 0,
    loginItemWrites: 0,
    loginItem: null as null | Electron.Settings,
    quit() {
      this.quitCalls++;
    },
    setLoginItemSettings(settings: Electron.Settings) {
      this.loginItemWrites++;
      this.loginItem = settings;
    },
    /** Like Windows: open at login only when the stored entry has the path and args asked about. */
    getLoginItemSettings(query?: Electron.LoginItemSettingsOptions) {
      const stored = this.loginItem;
      const matches =
        !query?.path ||
        (stored?.path === query.path && JSON.stringify(stored.args ?? []) === JSON.stringify(query.args ?? []));
      return { openAtLogin: Boolean(stored?.openAtLogin) && matches } as Electron.LoginItemSettings;
    },
    getLocale() {
      return 'pt-BR';
    },
    getSystemLocale() {
      return 'pt-BR';
    },
    getVersion() {
      return '1.2.3';
    },
  };
}

export type { Tray };
