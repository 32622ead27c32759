/**
 * The tray app's entry (`npm start`, the packaged app): one instance, the security baseline before
 * any window, then the core and the shell. Everything else is in create-shell.ts and below.
 */
// First: on a Node older than 22 (an Electron too old) this says so and exits before anything else loads.
import '../core/process/require-supported-node';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  globalShortcut,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import { createAppCore, type AppCore } from '../core/app-core';
import { APP_SCHEME_PRIVILEGES } from './app-protocol';
import { logUnhandledRejections } from '../core/process/log-unhandled-rejections';
import { createShell, type RunningShell } from './create-shell';
import { openElectronSettingsStore } from './electron-settings-store';
import { ipcMain } from './ipc/electron-ipc-main';
import { launchCommandFor } from './login-item';
import { isOwnPageUrl } from './ipc/trusted-sender';
import { decryptStoredToken, safeStorageCodec, storedSecretGetter } from './safe-storage-codec';
import { applySecurityBaseline } from './security';
import { readTaskbarTheme } from './tray/taskbar-theme';
import { trayIconPath } from './tray/tray-icons';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
const resourcesDir = app.isPackaged ? process.resourcesPath : path.join(app.getAppPath(), 'resources');
// The windows' app://loadout scheme must be privileged before the app is ready (app-protocol.ts).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  // Another Loadout is running: it gets a 'second-instance' event and shows its monitor.
  app.quit();
} else {
  let running: RunningShell | null = null;
  // A promise nobody awaited must neither end the tray app nor vanish: its stack goes to the log.
  logUnhandledRejections(process, (line) => process.stderr.write(line), 'Loadout');
  app.on('second-instance', () => running?.windows.open('monitor'));
  // A tray app stays alive with no window open.
  app.on('window-all-closed', () => undefined);
  app.on('will-quit', () => globalShortcut.unregisterAll());
  app.on('before-quit', () => void running?.dispose());

  void app.whenReady().then(() => {
    applySecurityBaseline(app, session.defaultSession, shell, (url) => isOwnPageUrl(url, { devServerUrl }));
    if (process.platform === 'darwin') app.dock?.hide();
    // Windows shows notifications only for an app with an AppUserModelID (the installer's shortcut carries the same id).
    if (process.platform === 'win32') app.setAppUserModelId('app.loadout.tray');
    const codec = safeStorageCodec(safeStorage);
    const core: AppCore = createAppCore({
      openSettingsConf: openElectronSettingsStore,
      getLmStudioToken: () => decryptStoredToken(core.settings.get().lmstudio.tokenEncrypted, codec),
      // The cloud key and other machines' tokens, decrypted here only when routing needs them.
      getSecret: storedSecretGetter(() => core.settings.get(), codec),
    });
    // A hand edit of config.json: logged here; the windows' banner and a notification say it through `settings.problem`.
    if (core.settings.recoveryMessage) console.error(`Loadout: ${core.settings.recoveryMessage}`);
    core.settings.onProblem((problem) =>
      console.error(
        `Loadout: ${problem ? problem.message : `${core.settings.path} is readable again; its settings are in use.`}`,
      ),
    );
    running = createShell({
      app,
      ipcMain,
      protocol,
      shell,
      safeStorage,
      globalShortcut,
      screen,
      createTray: (icon) => new Tray(icon),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      setApplicationMenu: (menu) => Menu.setApplicationMenu(menu),
      loadIcon: (state, taskbar) => {
        const icon = nativeImage.createFromPath(trayIconPath(resourcesDir, state, process.platform, taskbar));
        if (process.platform === 'darwin') icon.setTemplateImage(true);
        return icon;
      },
      nativeTheme,
      // Asynchronous (`reg` takes tens of ms), once at start and on theme changes: never on the sampling path.
      readTaskbarTheme: () =>
        readTaskbarTheme(
          (file, args) =>
            new Promise((resolve, reject) => {
              execFile(file, args, { windowsHide: true, timeout: 5000 }, (error, stdout) =>
                error ? reject(error) : resolve(stdout),
              );
            }),
          path.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'reg.exe'),
        ),
      createNotification: (options) => new Notification(options),
      createWindow: (options) => new BrowserWindow(options),
      core,
      platform: process.platform,
      loginItem: {
        platform: process.platform,
        launchCommand: launchCommandFor({
          platform: process.platform,
          packaged: app.isPackaged,
          env: process.env,
          execPath: process.execPath,
          appPath: app.getAppPath(),
        }),
        configHome: process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'),
        readFile: (file) => {
          try {
            return fs.readFileSync(file, 'utf8');
          } catch {
            return null;
          }
        },
        writeFile: (file, text) => {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, text);
        },
        removeFile: (file) => fs.rmSync(file, { force: true }),
      },
      paths: {
        preload: path.join(here, '../preload/index.cjs'),
        rendererDir: path.join(here, '../renderer'),
        devServerUrl,
        windowIcon: path.join(resourcesDir, 'icon.png'),
      },
    });
    if (!process.argv.includes('--hidden')) running.windows.open('monitor');
  });
}
