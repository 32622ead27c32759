/**
 * `loadout serve` and LAN discovery over real mDNS: with fleet.discovery on, an agent serving off
 * loopback (the off-loopback path taken on 127.0.0.1 through the injected loopback decision) announces
 * `_loadout._tcp` with its port and https, and the announcement never carries its token; with discovery
 * off, or on loopback, nothing is announced.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Bonjour, type Service } from 'bonjour-service';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../electron/core/app-core';
import { SettingsStore } from '../../electron/core/settings/settings-store';
import { startServe, type RunningServe } from '../../electron/serve/start-serve';
import { createLmStudioEmulator, type LmStudioEmulator } from '../emulator';

const TOKEN = 'discovery-secret-token-0123456789';
let serving: RunningServe | null = null;
let emulator: LmStudioEmulator | null = null;
const homes: string[] = [];

afterEach(async () => {
  await serving?.close();
  serving = null;
  await emulator?.close();
  emulator = null;
  for (const home of homes.splice(0)) fs.rmSync(home, { recursive: true, force: true });
});

async function startAgent(options: { discovery: boolean; offLoopback: boolean }): Promise<string> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-discovery-'));
  homes.push(home);
  const store = new SettingsStore({ dataDir: home });
  store.update((s) => ({ ...s, fleet: { ...s.fleet, discovery: options.discovery } }));
  emulator = await createLmStudioEmulator({});
  const env = {
    PATH: process.env.PATH ?? '',
    LOADOUT_HOME: home,
    LOADOUT_LMSTUDIO_URL: emulator.url,
    LOADOUT_NVML: 'off',
    LOADOUT_NVIDIA_SMI: path.join(home, 'no-nvidia-smi'),
    LM_API_TOKEN: '',
  };
  const name = `agent-${randomUUID().slice(0, 8)}`;
  serving = await startServe(createAppCore({ dataDir: home, env, onMessage: () => {} }), {
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    rendererDir: path.join(home, 'renderer'),
    openAi: false,
    env,
    machineName: name,
    isLoopback: options.offLoopback ? () => false : undefined,
    writeErr: () => {},
  });
  return name;
}

/** Every `_loadout._tcp` service heard in `ms`, as the library parsed it. */
async function listen(ms: number): Promise<Service[]> {
  const bonjour = new Bonjour({}, () => {});
  const heard: Service[] = [];
  const browser = bonjour.find({ type: 'loadout' }, (s) => heard.push(s));
  await new Promise((resolve) => setTimeout(resolve, ms));
  browser.stop();
  bonjour.destroy();
  return heard;
}

describe('loadout serve on the LAN', { timeout: 60_000 }, () => {
  it('announces an off-loopback agent with its port and https, never its token', async () => {
    const name = await startAgent({ discovery: true, offLoopback: true });
    const heard = (await listen(1500)).filter((s) => s.name === name);
    expect(heard).toHaveLength(1);
    const service = heard[0]!;
    expect(service.port).toBe(serving!.server.port);
    expect(service.txt).toMatchObject({ scheme: 'https', contract: '2' });
    const wire = JSON.stringify({ ...service, _events: undefined });
    expect(wire).not.toContain(TOKEN);
    expect(wire).not.toContain(TOKEN.slice(0, 12));
  });

  it('announces nothing with discovery off', async () => {
    const name = await startAgent({ discovery: false, offLoopback: true });
    expect((await listen(1500)).map((s) => s.name)).not.toContain(name);
  });

  it('announces nothing on loopback, where no other machine can reach it', async () => {
    const name = await startAgent({ discovery: true, offLoopback: false });
    expect((await listen(1500)).map((s) => s.name)).not.toContain(name);
  });

  it('stops announcing when it stops serving', async () => {
    const name = await startAgent({ discovery: true, offLoopback: true });
    await serving!.close();
    serving = null;
    expect((await listen(1500)).map((s) => s.name)).not.toContain(name);
  });
});
