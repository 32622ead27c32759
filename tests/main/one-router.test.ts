/**
 * The tray app with the OpenAI endpoint on holds one router and one chat store: the quick chat (over IPC)
 * and `/v1` are answered by the core's one routing feature and keep to its one loadout.db handle.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Menu, NativeImage, Tray } from 'electron';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppCore } from '../../electron/core/app-core';
import { createShell, type RunningShell } from '../../electron/main/create-shell';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../emulator';
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

const built = vi.hoisted(() => ({ routers: 0, chatStores: 0 }));
vi.mock('../../electron/core/routing/create-routing', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/core/routing/create-routing')>();
  return {
    ...real,
    createRoutingFeature: (...args: Parameters<typeof real.createRoutingFeature>) => (
      built.routers++,
      real.createRoutingFeature(...args)
    ),
  };
});
vi.mock('../../electron/core/chat/chat-store', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/core/chat/chat-store')>();
  class CountedChatStore extends real.ChatStore {
    constructor(...args: ConstructorParameters<typeof real.ChatStore>) {
      super(...args);
      built.chatStores++;
    }
  }
  return { ...real, ChatStore: CountedChatStore };
});

let home: string;
let emu: LmStudioEmulator;
let running: RunningShell | null = null;

beforeEach(async () => {
  built.routers = 0;
  built.chatStores = 0;
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-shell-one-router-'));
  emu = await createLmStudioEmulator({
    tokensPerSecond: 400,
    preload: [{ key: 'qwen2.5-7b-instruct', contextLength: 8192 }],
  });
});
afterEach(async () => {
  await running?.dispose();
  running = null;
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the tray app with the OpenAI endpoint on', () => {
  it('answers the quick chat and /v1 with one router and one chat store', async () => {
    const env = {
      LOADOUT_HOME: home,
      LOADOUT_NVML: 'off',
      LOADOUT_NVIDIA_SMI: path.join(home, 'missing-nvidia-smi'),
      LOADOUT_LMSTUDIO_URL: emu.url,
      LOADOUT_LMS: FAKE_LMS_PATH,
    };
    const core = createAppCore({ dataDir: home, env });
    const ipcMain = new FakeIpcMain();
    const { windows, createWindow } = windowFactory();
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
      paths: { preload: '/app/preload.cjs', rendererDir: path.join(home, 'renderer'), devServerUrl: null },
      setInterval: () => 0,
      clearInterval: () => {},
    });
    await running.endpoint.apply({ openAiEndpoint: true, port: 0 });
    const baseUrl = running.endpoint.current!.baseUrl;

    const page = 'app://loadout/quickchat.html';
    const route = await ipcMain.invoke(windows[0]!.webContents, page, 'loadout:chat.route', {
      messages: [{ role: 'user', content: 'oi' }],
    });
    expect(route).toMatchObject({ ok: true, result: { choice: { modelKey: 'qwen2.5-7b-instruct' } } });
    const client = new OpenAI({ baseURL: baseUrl, apiKey: 'x', maxRetries: 0 });
    const answer = await client.chat.completions.create({
      model: 'auto',
      max_tokens: 3,
      messages: [{ role: 'user', content: 'oi' }],
    });
    expect(answer.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(await ipcMain.invoke(windows[0]!.webContents, page, 'loadout:chat.history', {})).toMatchObject({ ok: true });
    expect(built).toEqual({ routers: 1, chatStores: 1 });
  });
});
