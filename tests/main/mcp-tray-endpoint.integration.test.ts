/**
 * The tray app's /mcp (settings `mcp.http`): served on the app's loopback attach server, behind its
 * per-run token (a client reads port and token from running.json), over a real core; off by default.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppApi, type AppApi } from '../../electron/core/api/create-app-api';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { RUNNING_FILE_NAME } from '../../electron/core/attach/running-announce';
import { startAttachServer, type AttachServer } from '../../electron/main/attach-server';
import { createContractDispatch, createEventHub } from '../../shared/contract';
import { createLmStudioEmulator, type LmStudioEmulator } from '../emulator';
import { connectHttp } from '../support/mcp-harness';

let emu: LmStudioEmulator | null = null;
let core: AppCore | null = null;
let api: AppApi | null = null;
let server: AttachServer | null = null;
let home = '';

afterEach(async () => {
  await server?.close();
  api?.dispose();
  await core?.dispose();
  await emu?.close();
  fs.rmSync(home, { recursive: true, force: true });
  emu = core = api = server = null;
});

async function startTray(mcp: boolean) {
  emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }] });
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-mcp-tray-'));
  core = createAppCore({ dataDir: home, env: { LOADOUT_LMSTUDIO_URL: emu.url, PATH: '' }, onMessage: () => {} });
  const events = createEventHub();
  api = createAppApi(core, { host: 'electron', events, env: {} });
  server = await startAttachServer({
    dataDir: home,
    version: core.version,
    dispatch: createContractDispatch(api.handlers),
    events,
    mcp,
    log: () => {},
  });
  const announce = JSON.parse(fs.readFileSync(path.join(home, RUNNING_FILE_NAME), 'utf8')) as {
    port: number;
    token: string;
  };
  return { url: `http://127.0.0.1:${announce.port}/mcp`, token: announce.token };
}

describe("the tray app's /mcp", { timeout: 60_000 }, () => {
  it('serves the tools with the announced token when mcp.http is on, and refuses them without it', async () => {
    const { url, token } = await startTray(true);
    const client = await connectHttp('2026-07-28', url, { Authorization: `Bearer ${token}` });
    try {
      const status = await client.callTool({ name: 'status', arguments: {} });
      expect(status.structuredContent).toMatchObject({ loaded: [{ modelKey: 'qwen2.5-7b-instruct' }] });
    } finally {
      await client.close();
    }
    await expect(connectHttp('2025-11-25', url)).rejects.toThrow();
  });

  it('has no /mcp when mcp.http is off (the default)', async () => {
    const { url, token } = await startTray(false);
    const response = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(405);
  });
});
