/**
 * The tray app's OpenAI-compatible endpoint follows settings.server: the toggle alone with a recording
 * starter, then the shell with the real server on a loopback port.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Menu, NativeImage, Tray } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../electron/core/app-core';
import { createShell, type RunningShell } from '../../electron/main/create-shell';
import { OpenAiEndpointToggle, type RunningEndpoint } from '../../electron/main/openai-endpoint-toggle';
import { safeStorageCodec, storedSecretGetter } from '../../electron/main/safe-storage-codec';
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

function recordingStarter(failOn: number[] = []) {
  const log: string[] = [];
  const start = async (port: number): Promise<RunningEndpoint> => {
    await new Promise((r) => setTimeout(r, 5));
    if (failOn.includes(port))
      throw Object.assign(new Error(`listen EADDRINUSE 127.0.0.1:${port}`), { code: 'EADDRINUSE' });
    log.push(`start ${port}`);
    return {
      baseUrl: `http://127.0.0.1:${port}/v1`,
      port,
      problems: [],
      close: async () => {
        await new Promise((r) => setTimeout(r, 5));
        log.push(`stop ${port}`);
      },
    };
  };
  return { log, start };
}

describe('OpenAiEndpointToggle', () => {
  it('starts when on, restarts on a new port, stops when off, and ignores repeats', async () => {
    const { log, start } = recordingStarter();
    const toggle = new OpenAiEndpointToggle({
      start,
      onFailed: () => {
        throw new Error('unexpected');
      },
    });
    await toggle.apply({ openAiEndpoint: false, port: 1235 });
    expect(log).toEqual([]);
    await toggle.apply({ openAiEndpoint: true, port: 1235 });
    await toggle.apply({ openAiEndpoint: true, port: 1235 });
    expect(toggle.current?.port).toBe(1235);
    await toggle.apply({ openAiEndpoint: true, port: 1300 });
    await toggle.apply({ openAiEndpoint: false, port: 1300 });
    expect(log).toEqual(['start 1235', 'stop 1235', 'start 1300', 'stop 1300']);
    expect(toggle.current).toBeNull();
  });

  it('applies quick changes in order: on, off, on leaves exactly one server', async () => {
    const { log, start } = recordingStarter();
    const toggle = new OpenAiEndpointToggle({ start, onFailed: () => {} });
    void toggle.apply({ openAiEndpoint: true, port: 1235 });
    void toggle.apply({ openAiEndpoint: false, port: 1235 });
    await toggle.apply({ openAiEndpoint: true, port: 1235 });
    expect(log).toEqual(['start 1235', 'stop 1235', 'start 1235']);
    await toggle.dispose();
    expect(log.at(-1)).toBe('stop 1235');
  });

  it('reports a port it cannot open and tries again when the port changes', async () => {
    const { log, start } = recordingStarter([1235]);
    const failed: string[] = [];
    const toggle = new OpenAiEndpointToggle({
      start,
      onFailed: (port, error) => failed.push(`${port}: ${(error as NodeJS.ErrnoException).code}`),
    });
    await toggle.apply({ openAiEndpoint: true, port: 1235 });
    expect(failed).toEqual(['1235: EADDRINUSE']);
    expect(toggle.current).toBeNull();
    await toggle.apply({ openAiEndpoint: true, port: 1236 });
    expect(log).toEqual(['start 1236']);
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function reachable(port: number): Promise<number | null> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/v1/models`, { signal: AbortSignal.timeout(5000) })).status;
  } catch {
    return null;
  }
}

describe('the tray app and the endpoint setting', () => {
  let home: string;
  let running: RunningShell | null = null;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-shell-endpoint-'));
    FakeNotification.shown = [];
  });
  afterEach(async () => {
    await running?.dispose();
    running = null;
    fs.rmSync(home, { recursive: true, force: true });
  });

  function start(server: { openAiEndpoint: boolean; port: number }) {
    const env = {
      LOADOUT_HOME: home,
      LOADOUT_NVML: 'off',
      LOADOUT_NVIDIA_SMI: path.join(home, 'missing-nvidia-smi'),
      LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9',
    };
    const core = createAppCore({ dataDir: home, env });
    core.settings.update((s) => ({ ...s, server }));
    const ipcMain = new FakeIpcMain();
    const { windows, createWindow } = windowFactory();
    const rendererDir = path.join(home, 'renderer');
    running = createShell({
      app: fakeApp(),
      ipcMain: ipcMain.asElectron(),
      protocol: new FakeProtocol().asElectron(),
      shell: { openExternal: async () => {} },
      safeStorage: fakeSafeStorage,
      globalShortcut: new FakeGlobalShortcut(new Set()),
      screen: fakeScreen,
      createTray: (icon: NativeImage) => new FakeTray(icon) as unknown as Tray,
      buildMenu: (template) => new FakeMenu(template) as unknown as Menu,
      setApplicationMenu: () => {},
      nativeTheme: new FakeNativeTheme().asElectron(),
      readTaskbarTheme: async () => null,
      loadIcon: (state) => fakeIcon(state),
      createNotification: (options) => new FakeNotification(options),
      createWindow,
      platform: 'linux',
      core,
      loginItem: {
        platform: 'linux',
        launchCommand: ['/opt/loadout/loadout'],
        configHome: home,
        readFile: () => null,
        writeFile: () => {},
        removeFile: () => {},
      },
      paths: { preload: '/app/preload.cjs', rendererDir, devServerUrl: null },
      setInterval: () => 0,
      clearInterval: () => {},
    });
    const page = 'app://loadout/settings.html';
    const set = (patch: unknown) => ipcMain.invoke(windows[0]!.webContents, page, 'loadout:settings.set', patch);
    const call = (method: string, params?: unknown) =>
      ipcMain.invoke(windows[0]!.webContents, page, `loadout:${method}`, params);
    return { set, call, core };
  }

  it('serves /v1 on loopback while the setting is on, stops when it is turned off and on quit', async () => {
    const port = await freePort();
    const { set } = start({ openAiEndpoint: false, port });
    await running!.endpoint.apply({ openAiEndpoint: false, port });
    expect(await reachable(port)).toBeNull();

    await set({ server: { openAiEndpoint: true } });
    await running!.endpoint.apply({ openAiEndpoint: true, port });
    expect(running!.endpoint.current?.baseUrl).toBe(`http://127.0.0.1:${port}/v1`);
    expect(await reachable(port)).toBe(200);

    await set({ server: { openAiEndpoint: false } });
    await running!.endpoint.apply({ openAiEndpoint: false, port });
    expect(await reachable(port)).toBeNull();

    await set({ server: { openAiEndpoint: true } });
    await running!.endpoint.apply({ openAiEndpoint: true, port });
    expect(await reachable(port)).toBe(200);
    await running!.dispose();
    running = null;
    expect(await reachable(port)).toBeNull();
  });

  it("starts at launch when the setting is already on; a taken port is a notification in the user's language", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      start({ openAiEndpoint: true, port: taken });
      await running!.endpoint.apply({ openAiEndpoint: true, port: taken });
      expect(running!.endpoint.current).toBeNull();
      expect(FakeNotification.shown).toEqual([
        expect.objectContaining({
          title: 'Endpoint compatível com OpenAI não iniciado',
          body: expect.stringContaining(`porta ${taken} (EADDRINUSE)`),
        }),
      ]);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it("stores the cloud key and a machine's token only encrypted; the core decrypts them through getSecret", async () => {
    const { set, call, core } = start({ openAiEndpoint: false, port: 1235 });
    await set({
      routing: {
        endpoints: [{ name: 'ws', baseUrl: 'http://192.168.1.20:1234' }],
        cloud: { enabled: true, baseUrl: 'https://api.example.com/v1', model: 'gpt-4.1-mini' },
      },
    });
    const saved = await call('settings.setRoutingSecret', { target: { kind: 'cloud' }, secret: 'sk-cloud-secret-42' });
    expect(saved).toMatchObject({ ok: true, result: { routing: { cloud: { enabled: true, hasApiKey: true } } } });
    expect(
      await call('settings.setRoutingSecret', { target: { kind: 'endpoint', name: 'ws' }, secret: 'tok-ws-secret' }),
    ).toMatchObject({ ok: true, result: { routing: { endpoints: [{ name: 'ws', hasToken: true }] } } });
    expect(
      await call('settings.setRoutingSecret', { target: { kind: 'endpoint', name: 'nobody' }, secret: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const onDisk = fs.readFileSync(path.join(home, 'config.json'), 'utf8');
    expect(onDisk).not.toMatch(/sk-cloud-secret-42|tok-ws-secret/);
    expect(JSON.stringify(await call('settings.get'))).not.toMatch(/sk-cloud|tok-ws|Encrypted/);
    const getSecret = storedSecretGetter(() => core.settings.get(), safeStorageCodec(fakeSafeStorage));
    expect(getSecret('routing.cloud.apiKey')).toBe('sk-cloud-secret-42');
    expect(getSecret('machines.ws.token')).toBe('tok-ws-secret');
    await call('settings.setRoutingSecret', { target: { kind: 'cloud' }, secret: null });
    expect(getSecret('routing.cloud.apiKey')).toBeNull();
  });
});
