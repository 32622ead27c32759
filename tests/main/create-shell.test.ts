import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Menu, NativeImage, Tray } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ipcChannelFor, methodNames } from '../../shared/contract';
import { createAppCore } from '../../electron/core/app-core';
import { createShell, type RunningShell } from '../../electron/main/create-shell';
import { connectToRunningCore } from '../../electron/core/attach/attach-client';
import {
  readRunningAnnounce,
  runningFilePath,
  type RunningAnnounce,
} from '../../electron/core/attach/running-announce';
import { createLmStudioEmulator } from '../emulator';
import { FAKE_LMS_PATH } from '../emulator/fake-lms-path';
import type { TaskbarTheme } from '../../electron/main/tray/taskbar-theme';
import {
  fakeApp,
  fakeIcon,
  FakeGlobalShortcut,
  FakeIpcMain,
  FakeMenu,
  FakeNativeTheme,
  FakeNotification,
  FakeProtocol,
  fakeSafeStorage,
  fakeScreen,
  FakeTray,
  windowFactory,
} from '../support/electron-fakes';

let home: string;
let running: RunningShell | null = null;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-shell-'));
  FakeNotification.shown = [];
  FakeNotification.instances = [];
});
afterEach(async () => {
  await running?.dispose();
  running = null;
  fs.rmSync(home, { recursive: true, force: true });
});

/** Start the shell on a real core; `lmstudioUrl` points it at an emulator (and the fake `lms`, which reports generating models). */
function start(
  refuse: string[] = [],
  lmstudioUrl?: string,
  options: { packaged?: boolean; taskbar?: () => Promise<TaskbarTheme | null> } = {},
) {
  const app = fakeApp(options.packaged ?? true);
  const nativeTheme = new FakeNativeTheme();
  // What Menu.setApplicationMenu got, and how many windows existed then.
  const appMenu: { menu: FakeMenu | null; windowsThen: number } | { menu: 'never set' } = { menu: 'never set' };
  const ipcMain = new FakeIpcMain();
  const shortcuts = new FakeGlobalShortcut(new Set(refuse));
  const { windows, createWindow } = windowFactory();
  let tray: FakeTray | null = null;
  const notifications: FakeNotification[] = [];
  const rendererDir = path.join(home, 'renderer');
  const protocol = new FakeProtocol();
  running = createShell({
    app,
    ipcMain: ipcMain.asElectron(),
    protocol: protocol.asElectron(),
    shell: { openExternal: async () => {} },
    safeStorage: fakeSafeStorage,
    globalShortcut: shortcuts,
    screen: fakeScreen,
    createTray: (icon: NativeImage) => (tray = new FakeTray(icon)) as unknown as Tray,
    buildMenu: (template) => new FakeMenu(template) as unknown as Menu,
    setApplicationMenu: (menu) =>
      Object.assign(appMenu, { menu: menu as unknown as FakeMenu | null, windowsThen: windows.length }),
    loadIcon: (state, taskbar) => fakeIcon(`${state}-on-${taskbar}`),
    nativeTheme: nativeTheme.asElectron(),
    readTaskbarTheme: options.taskbar ?? (async () => 'dark'),
    createNotification: (options) => {
      const n = new FakeNotification(options);
      notifications.push(n);
      return n;
    },
    createWindow,
    platform: 'win32',
    core: createAppCore({
      dataDir: home,
      env: {
        LOADOUT_HOME: home,
        LOADOUT_NVML: 'off',
        LOADOUT_NVIDIA_SMI: path.join(home, 'missing-nvidia-smi'),
        ...(lmstudioUrl ? { LOADOUT_LMSTUDIO_URL: lmstudioUrl, LOADOUT_LMS: FAKE_LMS_PATH } : {}),
      },
    }),
    loginItem: {
      platform: 'win32',
      launchCommand: ['C:\\Loadout\\Loadout.exe'],
      configHome: home,
      readFile: () => null,
      writeFile: () => {},
      removeFile: () => {},
    },
    paths: { preload: '/app/preload.cjs', rendererDir, devServerUrl: null },
    setInterval: () => 0,
    clearInterval: () => {},
  });
  const page = (name: string) => `app://loadout/${name}`;
  return { app, ipcMain, protocol, shortcuts, windows, tray: () => tray!, page, notifications, nativeTheme, appMenu };
}

describe('the tray app wired to a real core', () => {
  it('serves the windows from app://loadout, out of the renderer build only', async () => {
    const rendererDir = path.join(home, 'renderer');
    fs.mkdirSync(rendererDir, { recursive: true });
    for (const page of ['index.html', 'quickchat.html'])
      fs.writeFileSync(path.join(rendererDir, page), `<title>${page}</title>`);
    fs.writeFileSync(path.join(home, 'config-copy.json'), '{}');
    const { windows, protocol } = start();
    expect(windows[0]!.loaded).toEqual({ kind: 'url', target: 'app://loadout/quickchat.html' });
    const serve = protocol.handlers.get('app')!;
    expect(await (await serve(new Request('app://loadout/quickchat.html'))).text()).toBe(
      '<title>quickchat.html</title>',
    );
    expect((await serve(new Request('app://loadout/..%2fconfig-copy.json'))).status).toBe(404);
  });

  it('starts with the tray, a hidden quick chat, every IPC method and the default hotkey', () => {
    const { ipcMain, windows, shortcuts, tray } = start();
    expect(tray()).not.toBeNull();
    expect(windows).toHaveLength(1);
    expect(windows[0]!.options).toMatchObject({ frame: false, show: false });
    expect(windows[0]!.visible).toBe(false);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(methodNames.map(ipcChannelFor).sort());
    expect([...shortcuts.registered.keys()]).toEqual(['Control+Alt+Space']);
    shortcuts.registered.get('Control+Alt+Space')!();
    expect(windows[0]!.visible).toBe(true);
  });

  it('a window changing settings re-registers the hotkey and the login item', async () => {
    const { ipcMain, windows, shortcuts, app, page } = start();
    const chat = windows[0]!.webContents;
    const res = await ipcMain.invoke(chat, page('quickchat.html'), 'loadout:settings.set', {
      ui: { quickChatHotkey: 'Alt+Shift+K', startAtLogin: true },
    });
    expect(res).toMatchObject({ ok: true, result: { ui: { quickChatHotkey: 'Alt+Shift+K' } } });
    expect([...shortcuts.registered.keys()]).toEqual(['Alt+Shift+K']);
    expect(app.loginItem).toMatchObject({ openAtLogin: true });
  });

  it('tells the user (in their language) when the OS refuses the hotkey', () => {
    start(['Control+Alt+Space']);
    expect(FakeNotification.shown).toEqual([
      expect.objectContaining({
        title: 'Atalho do chat rápido indisponível',
        body: expect.stringContaining('Control+Alt+Space'),
      }),
    ]);
    // No English reason tacked on to the Portuguese text.
    expect(String(FakeNotification.shown[0]!.body)).not.toMatch(/refused|another app/);
  });

  it('turns remote access on from the settings window, and notifies when its port is in use', async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '0.0.0.0', r));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const { ipcMain, windows, page } = start();
      const before = FakeNotification.instances.length;
      const res = await ipcMain.invoke(windows[0]!.webContents, page('settings.html'), 'loadout:settings.set', {
        remoteAccess: { enabled: true, port },
      });
      expect(res).toMatchObject({ ok: true, result: { remoteAccess: { enabled: true, port } } });
      const shown = await FakeNotification.shownFrom(before, (o) => /Acesso remoto/.test(String(o.title)));
      // In the notification's language (pt-BR here), not the core's English.
      expect(shown.options).toMatchObject({
        body: expect.stringContaining(`a porta ${port} em 0.0.0.0 já está em uso`),
      });
      // The token was made once and kept only encrypted.
      expect(JSON.parse(fs.readFileSync(path.join(home, 'config.json'), 'utf8')).remoteAccess.tokenEncrypted).toEqual(
        expect.any(String),
      );
    } finally {
      await new Promise<void>((r) => taken.close(() => r()));
    }
  });

  it('stores the LM Studio token only encrypted and never returns it', async () => {
    const { ipcMain, windows, page } = start();
    const chat = windows[0]!.webContents;
    await expect(
      ipcMain.invoke(chat, page('settings.html'), 'loadout:settings.setLmStudioToken', { token: 'sk-lm-secret-42' }),
    ).resolves.toEqual({ ok: true, result: { hasToken: true } });
    const onDisk = fs.readFileSync(path.join(home, 'config.json'), 'utf8');
    expect(onDisk).not.toContain('sk-lm-secret-42');
    expect(JSON.parse(onDisk).lmstudio.tokenEncrypted).toEqual(expect.any(String));
    const got = await ipcMain.invoke(chat, page('settings.html'), 'loadout:settings.get');
    expect(JSON.stringify(got)).not.toContain('sk-lm-secret');
    expect(got).toMatchObject({ ok: true, result: { lmstudio: { hasToken: true } } });
  });

  it('opens the monitor from the tray and shows live hardware in the tooltip', async () => {
    const { windows, tray } = start();
    tray().menu!.click('monitor');
    expect(windows[1]!.loaded?.target).toMatch(/monitor\.html$/);
    windows[1]!.emit('ready-to-show');
    windows[1]!.hide();
    tray().emit('click');
    expect(windows).toHaveLength(2);
    expect(windows[1]!.visible).toBe(true);
    const deadline = Date.now() + 15_000;
    while (!tray().tooltip.includes('CPU') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(tray().tooltip).toMatch(/CPU \d+%/);
    expect(tray().tooltip).toContain('GPU');
  });

  it('notifies when a preset switch fails', async () => {
    start();
    running!.events.emit('presets.progress', {
      presetId: 'dev',
      phase: 'refused',
      step: 0,
      total: 2,
      key: null,
      sizeBytes: null,
      elapsedMs: 3,
      message: 'qwen2.5-32b needs ~21 GB of VRAM and 3.1 GB are free.',
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(FakeNotification.shown).toEqual([
      { title: 'Preset "Dev" não foi aplicado', body: 'qwen2.5-32b needs ~21 GB of VRAM and 3.1 GB are free.' },
    ]);
  });

  it("words a failed switch's notification from its notice in pt-BR, not the core's English", async () => {
    start();
    running!.events.emit('presets.progress', {
      presetId: 'dev',
      phase: 'cancelled',
      step: 0,
      total: 2,
      key: null,
      sizeBytes: null,
      elapsedMs: 3,
      message: 'Cancelled after 1 of 2 steps; what ran stays as it is.',
      notice: { kind: 'cancelled-after', done: 1, total: 2 },
    });
    running!.events.emit('presets.progress', {
      presetId: 'dev',
      phase: 'refused',
      step: 0,
      total: 1,
      key: null,
      sizeBytes: null,
      elapsedMs: 3,
      message: 'Does not fit, nothing was changed. qwen2.5-32b needs ~21.0 GiB of VRAM',
      fitNotice: {
        mode: 'gpu',
        gpuUnavailableReason: null,
        gpuBytes: 0,
        ramBytes: 0,
        problems: [
          {
            key: 'qwen2.5-32b',
            short: 'vram',
            neededBytes: 21 * 2 ** 30,
            availableBytes: 3 * 2 ** 30,
            splitGpuBytes: null,
            suggestions: [],
          },
        ],
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    const bodies = FakeNotification.shown.map((n) => n.body);
    expect(bodies[0]).toBe('Cancelada depois de 1 de 2 etapas; o que rodou fica como está.');
    // The fit verdict worded in pt-BR (decimal comma), not the core's English sentence.
    expect(bodies[1]).toContain('qwen2.5-32b');
    expect(bodies[1]).toContain('21,0 GiB');
    expect(bodies[1]).not.toContain('Does not fit');
  });

  it('notifies when a preset switch finishes, naming the models now loaded, quietly', async () => {
    const emulator = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }] });
    try {
      start([], emulator.url);
      running!.events.emit('presets.progress', {
        presetId: 'dev',
        phase: 'done',
        step: 1,
        total: 1,
        key: null,
        sizeBytes: null,
        elapsedMs: 900,
        message: null,
      });
      // Naming the loaded models runs `lms ls` and `lms ps`: seconds on a loaded machine, so wait for the notification itself.
      await FakeNotification.shownFrom(0, () => true);
      expect(FakeNotification.shown).toEqual([
        {
          title: 'Preset "Dev" pronto',
          silent: true,
          body: expect.stringMatching(/^Modelos carregados: .*(Qwen2\.5 7B Instruct|qwen2\.5-7b-instruct)/),
        },
      ]);
    } finally {
      await emulator.close();
    }
  });

  it('a tray switch refused for a generating model is still asked about in the window its notification opens', async () => {
    const emulator = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }] });
    try {
      const { ipcMain, windows, tray, page } = start([], emulator.url);
      const chat = windows[0]!.webContents;
      await ipcMain.invoke(chat, page('quickchat.html'), 'loadout:settings.set', { lmstudio: { busyWaitSeconds: 0 } });
      emulator.state.instances[0]!.activeRequests = 1;
      const refuseFromTray = async () => {
        await running!.tray.refresh();
        const before = FakeNotification.instances.length;
        tray().menu!.click('preset:gaming');
        return FakeNotification.shownFrom(before, (options) => /Gaming/.test(String(options.title)));
      };
      const ask = (method: string, params?: unknown) =>
        ipcMain.invoke(windows[1]!.webContents, page('settings.html'), `loadout:${method}`, params);

      // Refused: the notification opens Presets & settings, and that window can read the question back.
      (await refuseFromTray()).click();
      expect(windows[1]!.loaded?.target).toMatch(/settings\.html$/);
      const pending = {
        presetId: 'gaming',
        busy: [{ instanceId: 'qwen2.5-7b-instruct', modelKey: 'qwen2.5-7b-instruct' }],
        message: expect.stringMatching(/still generating/),
        // Coded too, so the window words the question in its own language.
        notice: {
          kind: 'models-busy',
          models: [{ instanceId: 'qwen2.5-7b-instruct', answering: { kind: 'lm-studio' } }],
          waitedSeconds: 0,
        },
      };
      expect(await ask('presets.pendingBusy')).toEqual({ ok: true, result: pending });
      // Cancel forgets it.
      expect(await ask('presets.dismissBusy')).toEqual({ ok: true, result: { dismissed: true } });
      expect(await ask('presets.pendingBusy')).toEqual({ ok: true, result: null });

      // Refused again; "Unload anyway" applies with force, which answers it.
      (await refuseFromTray()).click();
      expect(await ask('presets.pendingBusy')).toEqual({ ok: true, result: pending });
      expect(await ask('presets.apply', { id: 'gaming', force: true })).toMatchObject({
        ok: true,
        result: { result: 'ok' },
      });
      expect(emulator.state.instances).toEqual([]);
      expect(await ask('presets.pendingBusy')).toEqual({ ok: true, result: null });
    } finally {
      await emulator.close();
    }
  });

  it('removes the default application menu before the first window, and swallows reload/DevTools keys in every window', () => {
    const { windows, tray, appMenu } = start();
    // Windows: no menu at all (null also removes the menu bar), set while no window existed.
    expect(appMenu).toEqual({ menu: null, windowsThen: 0 });
    tray().menu!.click('monitor');
    for (const win of windows) {
      expect(win.options.webPreferences).toMatchObject({ devTools: false });
      for (const key of [
        { key: 'r', control: true },
        { key: 'R', control: true, shift: true },
        { key: 'F5' },
        { key: 'I', control: true, shift: true },
        { key: 'F12' },
      ]) {
        expect(win.webContents.press(key), `${win.options.title}: ${JSON.stringify(key)}`).toBe(true);
      }
      expect(win.webContents.press({ key: 'c', control: true })).toBe(false);
    }
  });

  it('keeps DevTools for `npm start`, and leaves the login item alone there', async () => {
    const { windows, app, ipcMain, page } = start([], undefined, { packaged: false });
    const chat = windows[0]!;
    expect(chat.options.webPreferences).toMatchObject({ devTools: true });
    expect(chat.webContents.press({ key: 'F12' })).toBe(false);
    expect(chat.webContents.devToolsToggles).toBe(1);
    await ipcMain.invoke(chat.webContents, page('quickchat.html'), 'loadout:settings.set', {
      ui: { startAtLogin: true },
    });
    // The installed app's Run entry is not replaced by electron.exe + a source folder.
    expect(app.loginItemWrites).toBe(0);
  });

  it('draws the Windows tray icon for the taskbar theme read from the registry, and follows it when it changes', async () => {
    let registry: TaskbarTheme | null = 'light';
    const { tray, nativeTheme } = start([], undefined, { taskbar: async () => registry });
    await new Promise((r) => setTimeout(r, 0));
    expect(tray().image).toEqual(fakeIcon(`${running!.tray.state}-on-light`));
    // The taskbar went dark while the app theme stayed light: nativeTheme alone would say light.
    registry = 'dark';
    nativeTheme.update(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(tray().image).toEqual(fakeIcon(`${running!.tray.state}-on-dark`));
  });

  it('holds the idle alert until it is clicked, so its click still opens the monitor', () => {
    const { notifications, windows } = start();
    running!.events.emit('energy.idleAlert', {
      watts: 130,
      baselineW: 35,
      minutes: 10,
      costPerDay: null,
      suggestedPresetId: 'gaming',
      message: 'GPU idle at 130 W.',
    });
    const alert = notifications.find((n) => n.options.body === 'GPU idle at 130 W.')!;
    expect([...running!.notifications]).toContain(alert);
    alert.click();
    expect([...running!.notifications]).not.toContain(alert);
    expect(windows.some((w) => /monitor\.html$/.test(w.loaded?.target ?? ''))).toBe(true);
  });

  it('cleans up on dispose: no handlers, no hotkey, no tray', async () => {
    const { ipcMain, shortcuts, tray } = start();
    await running!.dispose();
    running = null;
    expect(ipcMain.handlers.size).toBe(0);
    expect(shortcuts.registered.size).toBe(0);
    expect(tray().destroyed).toBe(true);
  });

  it('announces itself for the CLI: a user-only file naming a loopback API that answers with the token, gone on quit', async () => {
    start();
    const server = await running!.attachServer;
    expect(server).toMatchObject({ announced: true });
    const state = readRunningAnnounce(home);
    expect(state).toMatchObject({
      kind: 'running',
      announce: { face: 'app', pid: process.pid, port: server!.port, version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
    });
    if (process.platform !== 'win32') expect(fs.statSync(runningFilePath(home)).mode & 0o777).toBe(0o600);
    const announce = (state as { announce: RunningAnnounce }).announce;
    const attached = await connectToRunningCore(announce);
    try {
      expect(await attached.client.call('app.info', undefined)).toMatchObject({
        ok: true,
        result: { version: announce.version },
      });
    } finally {
      await attached.close();
    }
    await expect(connectToRunningCore({ ...announce, token: 'not-the-token-of-this-run' })).rejects.toThrow(/HTTP 401/);
    await running!.dispose();
    running = null;
    expect(fs.existsSync(runningFilePath(home))).toBe(false);
    await expect(connectToRunningCore(announce)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
