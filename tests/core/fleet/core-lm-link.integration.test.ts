/**
 * LM Link through the core: fleet.list carries what `lms link status --json` said (a real `lms` process,
 * the fake CLI), and the router leaves out the machine LM Link serves localhost:1234 from.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppApi } from '../../../electron/core/api/create-app-api';
import { createAppCore } from '../../../electron/core/app-core';
import { createEventHub, type FleetState } from '../../../shared/contract';
import { FAKE_LMS_PATH } from '../../emulator';

const FIXTURE = path.join(__dirname, '../../fixtures/lmstudio/lms-link-status.json');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function coreWith(link: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-core-lmlink-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const core = createAppCore({
    dataDir: dir,
    // Nothing listens on port 9: this machine's LM Studio and the other machine are both refused at once.
    env: { PATH: process.env.PATH, LOADOUT_HOME: dir, LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9', ...link },
    onMessage: () => undefined,
  });
  cleanups.push(() => core.dispose());
  core.settings.update((s) => ({
    ...s,
    machines: [{ name: 'workstation', url: 'http://127.0.0.1:9', kind: 'lmstudio-only' }],
  }));
  const hub = createEventHub();
  const changed: FleetState[] = [];
  hub.subscribe((e) => e.event === 'fleet.changed' && changed.push(e.payload as FleetState));
  const api = createAppApi(core, { host: 'serve', events: hub, env: {} });
  cleanups.push(() => api.dispose());
  const listed = await api.handlers['fleet.list'](undefined, { transport: 'ws', callerId: 'x' });
  const routed = (await core.routing.snapshot()).state.endpoints.map((e) => e.id);
  return { core, changed, listed, routed, problems: core.routing.problems };
}

describe('LM Link in the core', { timeout: 60_000 }, () => {
  it('lists the peers in fleet.list and routes once to the device serving localhost:1234', async () => {
    const linkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-link-'));
    cleanups.push(() => fs.rmSync(linkDir, { recursive: true, force: true }));
    const link = path.join(linkDir, 'link.json');
    fs.copyFileSync(FIXTURE, link);
    const { core, changed, listed, routed, problems } = await coreWith({
      LOADOUT_LMS: FAKE_LMS_PATH,
      LOADOUT_FAKE_LMS_LINK: link,
    });
    expect(listed.lmLink).toMatchObject({ available: true, servedBy: 'Workstation', message: null });
    expect(listed.lmLink.peers.map((p) => [p.name, p.added])).toEqual([
      ['Workstation', true],
      ["Jane's MacBook Pro", false],
    ]);
    expect(routed).not.toContain('remote:workstation');
    expect(problems.join('\n')).toContain('"workstation" is the device LM Link serves localhost:1234 from');
    // This machine becomes the preferred device again: windows hear it as fleet.changed.
    const { preferredDeviceIdentifier: _p, ...here } = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Record<
      string,
      unknown
    >;
    fs.writeFileSync(link, JSON.stringify(here));
    await core.lmLink.refresh();
    await vi.waitFor(() => expect(changed.at(-1)?.lmLink).toMatchObject({ available: true, servedBy: null }));
  });

  it('routes to the machine as usual, and says why, when LM Link is off', async () => {
    const { listed, routed } = await coreWith({ LOADOUT_LMS: FAKE_LMS_PATH });
    expect(listed.lmLink).toMatchObject({ available: false, servedBy: null, peers: [] });
    expect(listed.lmLink.message).toContain('lms link enable');
    expect(routed).toContain('remote:workstation');
  });
});
