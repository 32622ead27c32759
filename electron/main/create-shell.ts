/**
 * The tray app's wiring: the core's app API bound to IPC, the windows, the tray, the hotkey,
 * notifications and the login item, each given the Electron capabilities it needs. Every Electron
 * object arrives through `ShellDeps`, so tests run this with fakes and no Electron binary.
 */
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  GlobalShortcut,
  Menu,
  MenuItemConstructorOptions,
  NativeImage,
  NativeTheme,
  NotificationConstructorOptions,
  Protocol,
  SafeStorage,
  Screen,
  Shell,
  Tray,
} from 'electron';
import {
  createContractDispatch,
  createEventHub,
  type BusyModel,
  type ContractDispatch,
  type ContractEventHub,
} from '../../shared/contract';
import type { AppCore } from '../core/app-core';
import { startOpenAiEndpointServer } from '../core/routing/openai-endpoint-server';
import { createAppApi } from '../core/api/create-app-api';
import { registerAppProtocol } from './app-protocol';
import { bindContractToIpc, type IpcBindingOptions } from './ipc/ipc-binding';
import { applicationMenuTemplate } from './app-menu';
import { applyStartAtLogin, type LoginItemTarget } from './login-item';
import { appOsLocale } from './os-locale';
import { retainNotifications } from './notification-retention';
import { notifyBusyModels, type BusyTarget } from './busy-notification';
import { machineOutcomeNotifier } from './machine-notification';
import { startGamingNotifier } from './gaming-notification';
import { startNotifier, type ShellNotification } from './notifications';
import { OpenAiEndpointToggle, type RunningEndpoint } from './openai-endpoint-toggle';
import { QuickChatHotkey } from './quick-chat-hotkey';
import { safeStorageCodec } from './safe-storage-codec';
import { openExternalSafely } from './security';
import { TaskbarThemeWatch, type TaskbarTheme } from './tray/taskbar-theme';
import { TrayController, type CoreCall } from './tray/tray-controller';
import type { TrayIconState } from '../../shared/tray/tray-icon-state';
import { fill, shellStrings, shellTranslator } from './tray/tray-strings';
import { wordRemoteAccessProblem } from '../../shared/fleet/remote-access-problem';
import { resolveUiLanguage, type UiLanguage } from '../../shared/i18n/languages';
import { WindowManager } from './windows/window-manager';
import { startAttachServer, type AttachServer, type AttachServerOptions } from './attach-server';
import { startRemoteAccess } from '../core/fleet/remote-access';
import { collectMetrics } from '../core/metrics/collect-metrics';

/** How often the tray re-reads presets, models and today's energy besides the events (ms). */
export const TRAY_REFRESH_MS = 60_000;

export interface ShellDeps {
  app: Pick<
    App,
    | 'quit'
    | 'setLoginItemSettings'
    | 'getLoginItemSettings'
    | 'getLocale'
    | 'getSystemLocale'
    | 'getVersion'
    | 'isPackaged'
  >;
  ipcMain: IpcBindingOptions['ipcMain'];
  /** Serves the built renderer on app://loadout (the default session's protocol). */
  protocol: Pick<Protocol, 'handle'>;
  shell: Pick<Shell, 'openExternal'>;
  safeStorage: Pick<
    SafeStorage,
    'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
  >;
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>;
  screen: Pick<Screen, 'getCursorScreenPoint' | 'getDisplayNearestPoint' | 'getDisplayMatching'>;
  createTray(icon: NativeImage): Tray;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  /** Menu.setApplicationMenu: called once, before any window exists (app-menu.ts). */
  setApplicationMenu(menu: Menu | null): void;
  /** The tray icon for a state, drawn for a light or dark taskbar (only Windows' icons differ). */
  loadIcon(state: TrayIconState, taskbar: TaskbarTheme): NativeImage;
  /** Its 'updated' event says the system or app theme changed; the taskbar theme is then read again. */
  nativeTheme: Pick<NativeTheme, 'on' | 'removeListener' | 'shouldUseDarkColors'>;
  /** Reads Windows' taskbar theme (taskbar-theme.ts); used on Windows only. */
  readTaskbarTheme(): Promise<TaskbarTheme | null>;
  createNotification(options: NotificationConstructorOptions): ShellNotification;
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindow;
  core: AppCore;
  platform: NodeJS.Platform;
  /** Where and how "Start at login" is recorded (all but `app` and `packaged`, which come from `app`). */
  loginItem: Omit<LoginItemTarget, 'app' | 'packaged'>;
  paths: { preload: string; rendererDir: string; devServerUrl: string | null; windowIcon?: string };
  /** Starts the OpenAI-compatible endpoint on 127.0.0.1 (default: startOpenAiEndpointServer over `core`). */
  startOpenAiEndpoint?: (port: number) => Promise<RunningEndpoint>;
  /** Serves the app API to `loadout` commands and announces it (default: startAttachServer). */
  startAttachServer?: (options: AttachServerOptions) => Promise<AttachServer | null>;
  /** Tests replace the remote access agent (default: the core's, following settings.remoteAccess). */
  startRemoteAccess?: typeof startRemoteAccess;
  /** Timers (injectable so tests do not wait). */
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export interface RunningShell {
  windows: WindowManager;
  tray: TrayController;
  hotkey: QuickChatHotkey;
  events: ContractEventHub;
  /** The OpenAI-compatible endpoint, on while `settings.server.openAiEndpoint` is. */
  endpoint: OpenAiEndpointToggle;
  /** The app API server that `loadout` commands work through; null when it could not start. */
  attachServer: Promise<AttachServer | null>;
  /** The notifications shown and not yet clicked or closed (held so their click handlers survive GC). */
  notifications: ReadonlySet<ShellNotification>;
  /** Unbind everything and stop the core's services. */
  dispose(): Promise<void>;
}

/** Wire the shell to the core and show the tray. */
export function createShell(deps: ShellDeps): RunningShell {
  const osLocale = appOsLocale(deps.app);
  const events = createEventHub((error) => console.error('[loadout] an event listener failed:', error));
  // Remote access (issue 18): the same agent server as `loadout serve`, while settings.remoteAccess.enabled is on.
  // Started before the API, which serves its status and token; its requests reach `dispatch` once that is built
  // (the server's listen is asynchronous, so none comes earlier).
  const remoteAccess = (deps.startRemoteAccess ?? startRemoteAccess)(deps.core, {
    dispatch: (method, params, context) => dispatch(method, params, context),
    events,
    metrics: () => collectMetrics(deps.core),
    secrets: safeStorageCodec(deps.safeStorage, deps.platform),
    log: (line) => console.warn(`[loadout] ${line}`),
  });
  const api = createAppApi(deps.core, {
    host: 'electron',
    events,
    locale: osLocale,
    secrets: safeStorageCodec(deps.safeStorage, deps.platform),
    remoteAccess,
  });
  const dispatch: ContractDispatch = createContractDispatch(api.handlers, {
    onInternalError: (method, error) => console.error(`[loadout] ${method} failed unexpectedly:`, error),
  });
  // One core per machine: the CLI finds this app in the data folder and works through the same API.
  const attachServer = (deps.startAttachServer ?? startAttachServer)({
    dataDir: deps.core.dataDir,
    version: deps.core.version,
    dispatch,
    events,
    mcp: deps.core.settings.get().mcp.http,
    log: (line) => console.warn(`[loadout] ${line}`),
  });
  const call: CoreCall = async (method, params) => {
    const response = await dispatch(method, params, { transport: 'ipc', callerId: 'shell' });
    return response.ok ? (response.result as never) : null;
  };

  // Before any window exists: no default menu (its Reload/DevTools accelerators would reach every window).
  const menuTemplate = applicationMenuTemplate(deps.platform, deps.app.isPackaged);
  deps.setApplicationMenu(menuTemplate ? deps.buildMenu(menuTemplate) : null);
  // Before any window loads its page.
  registerAppProtocol(deps.protocol, deps.paths.rendererDir);
  const ipc = bindContractToIpc({
    ipcMain: deps.ipcMain,
    dispatch,
    events,
    policy: { devServerUrl: deps.paths.devServerUrl },
    hideWindowOf: (contents) => windows.hideWindowOf(contents),
    openExternal: (url) => openExternalSafely(deps.shell, url),
    onRefused: (channel, url) => console.warn(`[loadout] refused IPC ${channel} from ${url ?? 'an unknown frame'}`),
  });
  const windows: WindowManager = new WindowManager({
    createWindow: deps.createWindow,
    screen: deps.screen,
    preloadPath: deps.paths.preload,
    packaged: deps.app.isPackaged,
    devServerUrl: deps.paths.devServerUrl,
    onWebContents: (contents) => ipc.trust(contents),
    iconPath: deps.paths.windowIcon,
    // The monitor window shows the GPU processes: list them (a nvidia-smi run every 30 s) only while it is open.
    onWindowOpen: (kind) => (kind === 'monitor' ? deps.core.hardware.watchGpuProcesses?.() : undefined),
  });
  windows.createQuickChat();

  const language = () => deps.core.settings.get().ui.language;
  // Every notification stays referenced until clicked or closed, so its click handler outlives GC.
  const notifications = retainNotifications(deps.createNotification);
  const createNotification = (options: NotificationConstructorOptions) => notifications.create(options);
  const notify = (options: NotificationConstructorOptions) => createNotification(options).show();
  const hotkey = new QuickChatHotkey(deps.globalShortcut, () => windows.toggleQuickChat());
  const applyHotkey = (accelerator: string) => {
    const result = hotkey.set(accelerator);
    if (!result.ok) {
      const s = shellStrings(language(), osLocale);
      notify({
        title: s.hotkeyRefusedTitle,
        // Worded from the cause: the English reason would repeat the catalog's text in another language.
        body:
          result.cause === 'taken'
            ? fill(s.hotkeyRefused, { hotkey: accelerator })
            : fill(s.hotkeyInvalid, { hotkey: accelerator, detail: result.detail ?? '' }),
      });
    }
  };

  const onBusy = (busy: BusyModel[], target: BusyTarget) =>
    void notifyBusyModels(
      {
        createNotification,
        call,
        language,
        osLocale,
        openPresets: () => void windows.open('settings'),
        openMonitor: () => void windows.open('monitor'),
      },
      busy,
      target,
    );
  // Windows draws its tray icons for the taskbar's theme; other platforms have one set.
  const taskbarTheme =
    deps.platform === 'win32'
      ? new TaskbarThemeWatch({
          nativeTheme: deps.nativeTheme,
          read: deps.readTaskbarTheme,
          onChange: () => tray.reloadIcon(),
        })
      : null;
  const tray: TrayController = new TrayController({
    createTray: deps.createTray,
    buildMenu: deps.buildMenu,
    loadIcon: (state) => deps.loadIcon(state, taskbarTheme?.current ?? 'dark'),
    call,
    events,
    osLocale,
    onClick: deps.platform === 'darwin' ? undefined : () => void windows.open('monitor'),
    onBusy,
    onMachineOutcome: machineOutcomeNotifier({
      createNotification,
      strings: () => shellStrings(language(), osLocale),
      words: () => ({
        t: shellTranslator(language(), osLocale),
        language: resolveUiLanguage(language() as UiLanguage | 'auto', [osLocale]),
      }),
      openSettings: (options) => void windows.open('settings', options),
    }),
    actions: {
      toggleQuickChat: () => windows.toggleQuickChat(),
      openMonitor: () => void windows.open('monitor'),
      openSettings: () => void windows.open('settings'),
      setStartAtLogin: (enabled) => void call('settings.set', { ui: { startAtLogin: enabled } }),
      quit: () => deps.app.quit(),
    },
  });
  void taskbarTheme?.reread();
  const stopGamingNotifier = startGamingNotifier({ createNotification, events, call, language, osLocale });
  const stopNotifier = startNotifier({
    createNotification,
    events,
    call,
    language,
    osLocale,
    openMonitor: () => void windows.open('monitor'),
    platform: deps.platform,
    onBusy,
  });

  const endpoint = new OpenAiEndpointToggle({
    start: deps.startOpenAiEndpoint ?? ((port) => startOpenAiEndpointServer({ core: deps.core, port })),
    onFailed: (port, error) => {
      const s = shellStrings(language(), osLocale);
      notify({
        title: s.endpointFailedTitle,
        body: fill(s.endpointFailed, {
          port: String(port),
          reason: (error as NodeJS.ErrnoException).code ?? error.message,
        }),
      });
    },
    onProblems: (problems) => {
      for (const p of problems) console.warn(`[loadout] OpenAI endpoint: ${p}`);
    },
  });

  const offRemoteStatus = remoteAccess.onStatus((status) => {
    if (status.state !== 'failed' || !status.message) return;
    const body = status.problem
      ? wordRemoteAccessProblem(status.problem, shellTranslator(language(), osLocale))
      : status.message;
    notify({ title: shellStrings(language(), osLocale).remoteAccessFailedTitle, body });
  });

  let lastSettings = deps.core.settings.get();
  applyHotkey(lastSettings.ui.quickChatHotkey);
  const loginItem: LoginItemTarget = { ...deps.loginItem, app: deps.app, packaged: deps.app.isPackaged };
  applyStartAtLogin(loginItem, lastSettings.ui.startAtLogin);
  void endpoint.apply(lastSettings.server);
  const stopSettingsWatch = events.subscribe((e) => {
    if (e.event !== 'settings.changed') return;
    const next = e.payload;
    if (next.ui.quickChatHotkey !== lastSettings.ui.quickChatHotkey) applyHotkey(next.ui.quickChatHotkey);
    if (next.ui.startAtLogin !== lastSettings.ui.startAtLogin) applyStartAtLogin(loginItem, next.ui.startAtLogin);
    void endpoint.apply(next.server);
    remoteAccess.apply();
    lastSettings = { ...lastSettings, ui: next.ui, server: next.server };
  });

  deps.core.hardware.start();
  // The other machines (issue 18): idle while `machines` is empty; an added one is watched without a restart.
  deps.core.fleet.start();
  // Gaming mode (issue 19): idle while gaming.enabled is off; turned on in settings or by `loadout gaming on`.
  deps.core.gaming.start();
  void tray.refresh();
  const every = deps.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms).unref());
  const stopEvery = deps.clearInterval ?? ((handle: unknown) => clearInterval(handle as NodeJS.Timeout));
  const refreshTimer = every(() => void tray.refresh(), TRAY_REFRESH_MS);

  return {
    windows,
    tray,
    hotkey,
    events,
    endpoint,
    attachServer,
    notifications: notifications.held,
    async dispose() {
      // First, so no command starts on a core that is going away.
      await (await attachServer)?.close();
      stopEvery(refreshTimer);
      stopSettingsWatch();
      await endpoint.dispose();
      offRemoteStatus();
      await remoteAccess.close();
      stopNotifier();
      stopGamingNotifier();
      taskbarTheme?.dispose();
      hotkey.clear();
      tray.dispose();
      ipc.dispose();
      api.dispose();
      await deps.core.dispose();
    },
  };
}
