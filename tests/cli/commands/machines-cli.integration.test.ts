/**
 * `loadout machines` against real agents: two `loadout serve` on their own loopback addresses (tokens,
 * emulators, the replayed GPU capture), an LM Studio-only machine (a bare emulator) and a machine that
 * never answers. Adding (token from the environment and from stdin), listing, a killed agent going
 * offline while the others stay, a wrong token, removal; no token ever lands in config.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMachinesCommand } from '../../../electron/cli/commands/machines';
import type { MachineStatus } from '../../../electron/core/fleet/machine-status';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { LmLinkStateSchema, type FleetState } from '../../../shared/contract/fleet';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator';
import { runLoadout } from '../../support/cli-harness';
import { deadCliEnv } from '../../support/running-serve';
import { startFleetAgent, type FleetAgent } from '../../support/fleet-agents';

const LINK_FIXTURE = path.join(__dirname, '../../fixtures/lmstudio/lms-link-status.json');
const TOKEN_A = 'token-for-agent-a-0123456789';
const TOKEN_B = 'token-for-agent-b-9876543210';
let home: string;
let a: FleetAgent;
let b: FleetAgent;
let lmOnly: LmStudioEmulator;

const machines = (args: string[], env: Record<string, string> = {}, stdin = '') =>
  runLoadout([createMachinesCommand(() => Readable.from([stdin]))], ['machines', ...args], {
    ...process.env,
    ...deadCliEnv(home),
    ...env,
  });
type MachineRow = MachineStatus & { since: string | null };
const rowsOf = (stdout: string) => (JSON.parse(stdout) as { machines: MachineRow[] }).machines;
const configText = () => fs.readFileSync(path.join(home, 'config.json'), 'utf8');

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-fleet-cli-'));
  [a, b, lmOnly] = await Promise.all([
    startFleetAgent('127.0.0.2', TOKEN_A, ['qwen2.5-7b-instruct']),
    startFleetAgent('127.0.0.3', TOKEN_B, ['llama-3.2-3b-instruct']),
    createLmStudioEmulator({ preload: [{ key: 'phi-3.5-mini-instruct' }] }),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), lmOnly?.close()]);
  fs.rmSync(home, { recursive: true, force: true });
});

describe('loadout machines', { timeout: 120_000 }, () => {
  it('adds agents with the token from LOADOUT_MACHINE_TOKEN and from stdin, and never writes a token', async () => {
    const viaEnv = await machines(['add', 'alpha', a.url], { LOADOUT_MACHINE_TOKEN: TOKEN_A });
    expect(viaEnv.code, viaEnv.stderr).toBe(0);
    expect(viaEnv.stdout).toContain('Added "alpha" (Loadout agent)');
    expect(viaEnv.stdout).toMatch(/token was not stored: this CLI cannot encrypt it[\s\S]*LOADOUT_MACHINE_TOKEN_ALPHA/);
    const viaStdin = await machines(['add', 'beta', b.url, '--token-stdin'], {}, `${TOKEN_B}\n`);
    expect(viaStdin.code, viaStdin.stderr).toBe(0);
    const lm = await machines(['add', 'nas', lmOnly.url, '--lmstudio-only']);
    expect(lm.code, lm.stderr).toBe(0);
    expect(configText()).not.toMatch(/token-for-agent/);
    expect(new SettingsStore({ dataDir: home }).get().machines.map((m) => [m.name, m.kind])).toEqual([
      ['alpha', 'loadout'],
      ['beta', 'loadout'],
      ['nas', 'lmstudio-only'],
    ]);
    // A second machine of one name is refused, and nothing changes.
    const twice = await machines(['add', 'alpha', b.url], { LOADOUT_MACHINE_TOKEN: TOKEN_B });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('already there');
  });

  it('refuses a wrong token, naming the machine, and adds nothing', async () => {
    const wrong = await machines(['add', 'gamma', a.url], { LOADOUT_MACHINE_TOKEN: 'not-the-right-token-at-all' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/"gamma" refused the token \(HTTP 401/);
    expect(new SettingsStore({ dataDir: home }).get().machines.map((m) => m.name)).not.toContain('gamma');
  });

  it('refuses plain HTTP off loopback without --insecure', async () => {
    const r = await machines(['add', 'far', 'http://192.0.2.10:1235'], { LOADOUT_MACHINE_TOKEN: TOKEN_A });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/token would cross the network in clear.*--insecure/);
  });

  it('lists every machine: GPU, VRAM, power, models and preset from agents; models only from LM Studio', async () => {
    const env = { LOADOUT_MACHINE_TOKEN_ALPHA: TOKEN_A, LOADOUT_MACHINE_TOKEN_BETA: TOKEN_B };
    const r = await machines(['--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const rows = rowsOf(r.stdout);
    const byName = Object.fromEntries(rows.map((row) => [row.name, row]));
    expect(byName.alpha).toMatchObject({
      online: true,
      kind: 'loadout',
      loadedModels: ['qwen2.5-7b-instruct'],
      problem: null,
    });
    expect(byName.beta).toMatchObject({ online: true, loadedModels: ['llama-3.2-3b-instruct'] });
    expect(byName.alpha!.gpus.length).toBeGreaterThan(0);
    expect(byName.alpha!.gpus[0]!.vramTotalBytes).toBeGreaterThan(0);
    expect(typeof byName.alpha!.powerW).toBe('number');
    expect(byName.nas).toMatchObject({
      online: true,
      kind: 'lmstudio-only',
      loadedModels: ['phi-3.5-mini-instruct'],
      gpus: [],
      unseen: ['GPU', 'VRAM', 'power', 'active preset'],
    });
    expect(typeof byName.alpha!.since).toBe('string');
    const text = await machines([], env);
    expect(text.stdout).toMatch(/alpha {2}http:\/\/127\.0\.0\.2:\d+ {2}Loadout \S+ {2}online since/);
    expect(text.stdout).toMatch(/nas .*LM Studio only {2}online[\s\S]*cannot see: GPU, VRAM, power, active preset/);
  });

  it("offers LM Link's peers not added yet, and carries LM Link in --json", async () => {
    // The real shape (tests/fixtures/lmstudio/lms-link-status.json), with one peer that is the machine "nas".
    const link = JSON.parse(fs.readFileSync(LINK_FIXTURE, 'utf8')) as { peers: Array<{ deviceName: string }> };
    link.peers[1]!.deviceName = 'NAS';
    const file = path.join(home, 'link.json');
    fs.writeFileSync(file, JSON.stringify(link));
    const env = { LOADOUT_LMS: FAKE_LMS_PATH, LOADOUT_FAKE_LMS_LINK: file, LOADOUT_MACHINE_TOKEN_ALPHA: TOKEN_A };
    const text = await machines([], env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('LM Link serves localhost:1234 from "Workstation".');
    expect(text.stdout).toContain(
      'LM Link peer "Workstation" (online, loaded: qwen2.5-coder-14b-instruct, text-embedding-nomic-embed-text-v1.5) offered: loadout machines add workstation URL',
    );
    expect(text.stdout).not.toContain('LM Link peer "NAS"');
    const json = JSON.parse((await machines(['--json'], env)).stdout) as { lmLink: FleetState['lmLink'] };
    expect(LmLinkStateSchema.parse(json.lmLink).peers.map((p) => [p.name, p.added])).toEqual([
      ['Workstation', false],
      ['NAS', true],
    ]);
    // Without lms (the default test env), nothing is offered and --json says why.
    const none = await machines(['--json'], { LOADOUT_MACHINE_TOKEN_ALPHA: TOKEN_A });
    const noLink = (JSON.parse(none.stdout) as { lmLink: FleetState['lmLink'] }).lmLink;
    expect(noLink).toMatchObject({ available: false, peers: [] });
    expect(noLink.message).toContain('The lms CLI');
    expect((await machines([], { LOADOUT_MACHINE_TOKEN_ALPHA: TOKEN_A })).stdout).not.toContain('LM Link');
  });

  it('says which agent lacks its token, and shows a killed agent offline while the others stay online', async () => {
    const noToken = rowsOf((await machines(['--json'], { LOADOUT_MACHINE_TOKEN_BETA: TOKEN_B })).stdout);
    expect(noToken.find((m) => m.name === 'alpha')).toMatchObject({
      online: false,
      problem: { kind: 'no-token', message: expect.stringContaining('LOADOUT_MACHINE_TOKEN_ALPHA') },
    });
    await b.kill();
    const r = await machines(['--json'], { LOADOUT_MACHINE_TOKEN_ALPHA: TOKEN_A, LOADOUT_MACHINE_TOKEN_BETA: TOKEN_B });
    const rows = rowsOf(r.stdout);
    expect(rows.find((m) => m.name === 'beta')).toMatchObject({
      online: false,
      problem: { kind: 'offline', message: expect.stringContaining('"beta" does not answer') },
    });
    expect(rows.find((m) => m.name === 'alpha')).toMatchObject({ online: true });
    expect(rows.find((m) => m.name === 'nas')).toMatchObject({ online: true });
  });

  it('removes a machine, and says so for a name it does not know', async () => {
    expect((await machines(['remove', 'beta'])).stdout).toContain('Removed "beta"');
    expect(new SettingsStore({ dataDir: home }).get().machines.map((m) => m.name)).toEqual(['alpha', 'nas']);
    const unknown = await machines(['remove', 'beta']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no machine named "beta" (there are: alpha, nas)');
  });
});
