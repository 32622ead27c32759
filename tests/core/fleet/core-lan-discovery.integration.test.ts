/**
 * LAN discovery through the core, over real mDNS in this process: with fleet.discovery on and the fleet
 * watch started, an agent announced on the LAN shows in fleet.list's `discovered` (and fleet.changed
 * tells it); once added to `machines` it is no longer offered; turning the setting off with settings.set
 * stops browsing and empties the list; with the setting off nothing is browsed at all.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppApi } from '../../../electron/core/api/create-app-api';
import { createAppCore } from '../../../electron/core/app-core';
import { announceAgent } from '../../../electron/core/fleet/lan-discovery';
import { createEventHub, type FleetState } from '../../../shared/contract';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const context = { transport: 'ws', callerId: 'x' } as const;

function startCore(discovery: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-core-lan-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const core = createAppCore({
    dataDir: dir,
    env: { PATH: process.env.PATH, LOADOUT_HOME: dir, LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9' },
    onMessage: () => undefined,
  });
  cleanups.push(() => core.dispose());
  core.settings.update((s) => ({ ...s, fleet: { discovery } }));
  const hub = createEventHub();
  const changed: FleetState[] = [];
  hub.subscribe((e) => e.event === 'fleet.changed' && changed.push(e.payload as FleetState));
  const api = createAppApi(core, { host: 'serve', events: hub, env: {} });
  cleanups.push(() => api.dispose());
  core.fleet.start();
  const list = () => api.handlers['fleet.list'](undefined, context);
  return { core, api, changed, list };
}

function announce(name: string, port: number) {
  const announcer = announceAgent({ name, port, version: '9.9.9', contractVersion: 2, scheme: 'https' });
  cleanups.push(() => announcer.stop());
  return announcer;
}

describe('LAN discovery in the core', { timeout: 30_000 }, () => {
  it('offers an announced agent in fleet.list and fleet.changed until it is added or discovery goes off', async () => {
    const { core, api, changed, list } = startCore(true);
    const name = `lab-${randomUUID().slice(0, 8)}`;
    announce(name, 48231);
    await vi.waitFor(async () => expect((await list()).discovered.map((a) => a.name)).toContain(name), {
      timeout: 10_000,
    });
    const agent = (await list()).discovered.find((a) => a.name === name)!;
    expect(agent).toEqual({
      name,
      url: expect.stringMatching(/^https:\/\/.+:48231$/),
      version: '9.9.9',
      contract: 2,
      scheme: 'https',
    });
    expect(changed.some((s) => s.discovered.some((a) => a.name === name))).toBe(true);

    // Added under its found URL: no longer offered.
    core.settings.update((s) => ({ ...s, machines: [{ name: 'gpu-box', url: agent.url, kind: 'loadout' }] }));
    expect((await list()).discovered.map((a) => a.name)).not.toContain(name);
    core.settings.update((s) => ({ ...s, machines: [] }));
    expect((await list()).discovered.map((a) => a.name)).toContain(name);

    // Turned off from the settings window: browsing stops at once and the list empties.
    const before = changed.length;
    await api.handlers['settings.set']({ fleet: { discovery: false } }, context);
    expect(core.settings.get().fleet.discovery).toBe(false);
    expect((await list()).discovered).toEqual([]);
    expect(changed.slice(before).at(-1)?.discovered).toEqual([]);
  });

  it('browses nothing while fleet.discovery is off', async () => {
    const { list } = startCore(false);
    const name = `lab-${randomUUID().slice(0, 8)}`;
    announce(name, 48232);
    // The announcement is on the wire: a browser of our own hears it, the core's watch (off) does not.
    const heard = startCore(true);
    await vi.waitFor(async () => expect((await heard.list()).discovered.map((a) => a.name)).toContain(name), {
      timeout: 10_000,
    });
    expect((await list()).discovered).toEqual([]);
  });

  it('drops an agent that says goodbye', async () => {
    const { list } = startCore(true);
    const name = `lab-${randomUUID().slice(0, 8)}`;
    const announcer = announce(name, 48233);
    await vi.waitFor(async () => expect((await list()).discovered.map((a) => a.name)).toContain(name), {
      timeout: 10_000,
    });
    await announcer.stop();
    await vi.waitFor(async () => expect((await list()).discovered.map((a) => a.name)).not.toContain(name), {
      timeout: 10_000,
    });
  });
});
