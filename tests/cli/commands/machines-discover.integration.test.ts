/**
 * `loadout machines discover` over real mDNS in this process: it lists an announced agent with the
 * `machines add` line (token still required), hides one already added, refuses to browse while
 * fleet.discovery is off, and checks --seconds.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMachinesCommand } from '../../../electron/cli/commands/machines';
import { announceAgent, type Announcer, type FoundAgent } from '../../../electron/core/fleet/lan-discovery';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { runLoadout } from '../../support/cli-harness';
import { deadCliEnv } from '../../support/running-serve';

let home: string;
let announcer: Announcer | null = null;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-discover-cli-'));
});
afterEach(async () => {
  await announcer?.stop();
  announcer = null;
  fs.rmSync(home, { recursive: true, force: true });
});

const machines = (args: string[]) =>
  runLoadout([createMachinesCommand()], ['machines', ...args], { ...process.env, ...deadCliEnv(home) });
const setDiscovery = (on: boolean) =>
  new SettingsStore({ dataDir: home }).update((s) => ({ ...s, fleet: { ...s.fleet, discovery: on } }));
const announce = (name: string, port: number) =>
  (announcer = announceAgent({ name, port, version: '3.1.0', contractVersion: 2, scheme: 'https' }));

describe('loadout machines discover', { timeout: 60_000 }, () => {
  it('lists a found agent with the line that adds it, and hides it once added', async () => {
    setDiscovery(true);
    const name = `Lab-${randomUUID().slice(0, 6)}`;
    announce(name, 48201);
    const text = await machines(['discover', '--seconds', '1.5']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`${name}  https://\\S+:48201  Loadout 3\\.1\\.0`));
    expect(text.stdout).toMatch(
      new RegExp(`loadout machines add ${name.toLowerCase()} https://\\S+:48201 --token-stdin`),
    );
    expect(text.stdout).toContain('takes its token');

    const json = await machines(['discover', '--seconds', '1.5', '--json']);
    const found = (JSON.parse(json.stdout) as { discovered: FoundAgent[] }).discovered.find((a) => a.name === name);
    expect(found).toMatchObject({ port: 48201, scheme: 'https', version: '3.1.0', added: false });

    new SettingsStore({ dataDir: home }).update((s) => ({
      ...s,
      machines: [{ name: 'lab', url: found!.url, kind: 'loadout' }],
    }));
    const after = JSON.parse((await machines(['discover', '--seconds', '1.5', '--json'])).stdout) as {
      discovered: FoundAgent[];
      alreadyAdded: FoundAgent[];
    };
    expect(after.discovered.map((a) => a.name)).not.toContain(name);
    expect(after.alreadyAdded.map((a) => a.name)).toContain(name);
  });

  it('browses nothing while fleet.discovery is off, and says how to turn it on', async () => {
    announce(`lab-${randomUUID().slice(0, 6)}`, 48202);
    const off = await machines(['discover', '--seconds', '1']);
    expect(off.code).toBe(1);
    expect(off.stdout).toBe('');
    expect(off.stderr).toContain('LAN discovery is off');
    expect(off.stderr).toContain('loadout config set fleet.discovery true');
  });

  it('refuses a --seconds outside 1 to 60', async () => {
    setDiscovery(true);
    const bad = await machines(['discover', '--seconds', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--seconds is how long to listen, from 1 to 60 (got "soon")');
  });
});
