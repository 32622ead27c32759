/**
 * `--machine NAME` straight to the agents (no Loadout runs on this machine): real `loadout serve` agents on
 * their own loopback addresses, one over HTTPS with its pinned certificate, each over its own LM Studio
 * emulator. Each command runs there with the output shapes and exit codes it has here, and the emulator
 * behind that agent, and no other, received exactly the loads and unloads; then the faults: an unknown
 * name, an LM Studio-only machine, no token, a wrong token, a changed certificate, an older agent, one
 * that does not answer, and an agent killed in the middle of a switch.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceNameSchema, WS_API_PATH } from '../../../shared/contract';
import { applyCommand } from '../../../electron/cli/commands/apply';
import { createBenchCommand } from '../../../electron/cli/commands/bench';
import { createEnergyCommand } from '../../../electron/cli/commands/energy';
import { createMachinesCommand } from '../../../electron/cli/commands/machines';
import { modelsCommand } from '../../../electron/cli/commands/models';
import { monitorCommand } from '../../../electron/cli/commands/monitor';
import { unloadCommand } from '../../../electron/cli/commands/unload';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator';
import { runLoadout } from '../../support/cli-harness';
import { startFleetAgent, type FleetAgent } from '../../support/fleet-agents';
import { deadCliEnv } from '../../support/running-serve';

const TOKEN_A = 'token-for-alpha-0123456789';
const TOKEN_B = 'token-for-beta-9876543210';
const Q7 = 'qwen2.5-7b-instruct';
const CODER = 'qwen2.5-coder-14b-instruct';
const L3 = 'llama-3.2-3b-instruct';
const PHI = 'phi-3.5-mini-instruct';
const COMMANDS = [
  modelsCommand,
  applyCommand,
  unloadCommand,
  monitorCommand,
  createEnergyCommand(),
  createBenchCommand(),
  createMachinesCommand(() => Readable.from([''])),
];

let home: string;
let alpha: FleetAgent;
let beta: FleetAgent;
let nas: LmStudioEmulator;
let old: { url: string; close(): Promise<void> };

const TOKENS = { LOADOUT_MACHINE_TOKEN_ALPHA: TOKEN_A, LOADOUT_MACHINE_TOKEN_BETA: TOKEN_B };
const loadout = (argv: string[], env: Record<string, string> = TOKENS) =>
  runLoadout(COMMANDS, argv, { ...process.env, ...deadCliEnv(home), ...env });
const mutations = (emu: LmStudioEmulator) =>
  emu.state.calls
    .filter((c) => c.method === 'POST' && /\/(models|lms)\/(load|unload)$/.test(c.path))
    .map((c) => c.path.replace(/^.*\//, ''));
const loaded = (emu: LmStudioEmulator) => emu.state.instances.map((i) => i.id).sort();
const addMachine = (machine: { name: string; url: string; kind?: 'loadout' | 'lmstudio-only'; fingerprint?: string }) =>
  new SettingsStore({ dataDir: home }).update((s) => ({
    ...s,
    machines: [...s.machines, { kind: 'loadout' as const, ...machine }],
  }));

/** An agent of an older Loadout: its app.info has no `contract`. */
async function olderAgent(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server, path: WS_API_PATH });
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      const { id } = JSON.parse(data.toString()) as { id: number };
      const services = Object.fromEntries(ServiceNameSchema.options.map((k) => [k, true]));
      const info = { name: 'Loadout', version: '0.4.0', host: 'serve', platform: 'linux', arch: 'x64', locale: 'en' };
      ws.send(JSON.stringify({ id, result: { ...info, services } }));
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.6', resolve));
  return {
    url: `http://127.0.0.6:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-machine-flag-'));
  [alpha, beta, nas, old] = await Promise.all([
    startFleetAgent('127.0.0.2', TOKEN_A, [Q7]),
    startFleetAgent('127.0.0.3', TOKEN_B, [L3], { tls: true }),
    createLmStudioEmulator({ preload: [{ key: PHI }] }),
    olderAgent(),
  ]);
  addMachine({ name: 'alpha', url: alpha.url });
  // beta over HTTPS: `machines add` pins the certificate it presents.
  const added = await loadout(['machines', 'add', 'beta', beta.url], { LOADOUT_MACHINE_TOKEN: TOKEN_B });
  if (added.code !== 0) throw new Error(added.stderr);
  addMachine({ name: 'nas', url: nas.url, kind: 'lmstudio-only' });
}, 180_000);
afterAll(async () => {
  await Promise.all([alpha?.stop(), beta?.stop(), nas?.close(), old?.close()]);
  fs.rmSync(home, { recursive: true, force: true });
});

describe('--machine NAME, straight to the agent', { timeout: 180_000 }, () => {
  it('models: the agent’s models.list in the local shapes; an LM Studio-only machine through its REST API', async () => {
    const json = await loadout(['models', '--machine', 'alpha', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const state = JSON.parse(json.stdout) as { reachable: boolean; loaded: { instanceId: string }[] };
    expect(Object.keys(state)).toEqual(['reachable', 'apiLevel', 'message', 'notices', 'catalog', 'loaded']);
    expect(state.loaded.map((l) => l.instanceId)).toEqual([Q7]);
    const text = await loadout(['models', '--machine', 'beta']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/\nDownloaded \(\d+\):\n[\s\S]*\nLoaded \(1\):\n {2}llama-3\.2-3b-instruct/);
    const lm = await loadout(['models', '--machine', 'nas', '--json']);
    expect(lm.code, lm.stderr).toBe(0);
    expect((JSON.parse(lm.stdout) as typeof state).loaded.map((l) => l.instanceId)).toEqual([PHI]);
  });

  it('apply and unload switch that machine only, with the local words, JSON and exit codes', async () => {
    alpha.emu.control.clearCalls();
    beta.emu.control.clearCalls();
    const run = await loadout(['apply', 'multi-agent', '--machine', 'alpha']);
    expect(run.code, run.stderr).toBe(0);
    // Its LM Studio reloads qwen2.5-7b with the preset's settings: the same plan as a local switch makes.
    expect(run.stdout).toMatch(
      new RegExp(
        `^Switching to "multi-agent"…\\n\\[1/3\\] unload ${Q7} \\(.*\\n\\[2/3\\] load ${CODER} \\(.*\\n(?:ready: .*\\n)?\\[3/3\\] load ${Q7} `,
      ),
    );
    expect(run.stdout).toContain('"multi-agent" is active: kept 0, unloaded 1, loaded 2.');
    expect(mutations(alpha.emu)).toEqual(['unload', 'load', 'load']);
    expect(loaded(alpha.emu)).toEqual([Q7, CODER]);

    alpha.emu.control.clearCalls();
    const json = await loadout(['apply', 'light', '--machine', 'alpha', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout) as { plan: { action: string }[] };
    expect(Object.keys(out)).toEqual(['preset', 'plan', 'result', 'message']);
    expect(out).toMatchObject({ preset: 'light', result: 'ok', message: null });
    expect(mutations(alpha.emu).sort()).toEqual(['load', 'load', 'unload', 'unload']);
    expect(loaded(alpha.emu)).toEqual(['llama-3.2-1b-instruct', L3]);

    const unknown = await loadout(['apply', 'nope', '--machine', 'alpha', '--json']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ preset: 'nope', result: 'failed' });
    expect(unknown.stderr).toMatch(/^loadout apply: No preset "nope"\. Known presets: .*light/);

    alpha.emu.control.clearCalls();
    const one = await loadout(['unload', L3, '--machine', 'alpha', '--json']);
    expect(one.code, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual({
      plan: [{ action: 'unload', key: L3, instanceId: L3 }],
      result: 'ok',
      message: null,
    });
    const all = await loadout(['unload', '--all', '--machine', 'alpha']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain('Unloaded llama-3.2-1b-instruct.\n');
    expect(mutations(alpha.emu)).toEqual(['unload', 'unload']);
    expect(loaded(alpha.emu)).toEqual([]);
    // The other machine was never touched.
    expect(mutations(beta.emu)).toEqual([]);
    expect(loaded(beta.emu)).toEqual([L3]);
  });

  it('monitor --once, energy and bench read and run there, in the local shapes', async () => {
    const sample = await loadout(['monitor', '--once', '--machine', 'beta', '--json']);
    expect(sample.code, sample.stderr).toBe(0);
    const line = JSON.parse(sample.stdout) as { gpus: { memoryTotalBytes: number }[] };
    expect(Object.keys(line).slice(0, 6)).toEqual([
      'timestamp',
      'cpu',
      'memory',
      'gpus',
      'gpuSource',
      'gpuUnavailableReason',
    ]);
    expect(line.gpus[0]!.memoryTotalBytes).toBeGreaterThan(0);
    const table = await loadout(['monitor', '--once', '--machine', 'alpha']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^time {5}CPU % {2}RAM GiB.*\n\d\d:\d\d:\d\d /);
    // Live, not only --once: readings stream from there (monitor-machine.integration.test.ts covers Ctrl+C and a drop).
    const live = await loadout(['monitor', '--machine', 'alpha', '--count', '1', '--json']);
    expect(live.code, live.stderr).toBe(0);
    expect(Object.keys(JSON.parse(live.stdout) as object).slice(0, 4)).toEqual(['timestamp', 'cpu', 'memory', 'gpus']);

    const here = await loadout(['energy', '--json']);
    const there = await loadout(['energy', '--machine', 'alpha', '--json']);
    expect(there.code, there.stderr).toBe(0);
    const report = JSON.parse(there.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(Object.keys(JSON.parse(here.stdout) as object));
    const energyTable = await loadout(['energy', '--machine', 'alpha', '--by', 'model']);
    expect(energyTable.code, energyTable.stderr).toBe(0);
    // The same table: its columns are the local one's, word for word.
    const localTable = await loadout(['energy', '--by', 'model']);
    const columns = (table: string) => table.split('\n')[2]!.trim().split(/ {2,}/);
    expect(columns(energyTable.stdout)).toEqual(columns(localTable.stdout));
    expect(energyTable.stdout.split('\n')[2]).toMatch(/^model +kWh/i);
    const today = await loadout(['energy', '--machine', 'alpha', '--since', 'today']);
    expect(today.code).toBe(2);
    expect(today.stderr).toContain('with --machine, --since takes 24h, 7d, 30d');

    alpha.emu.control.set({ tokensPerSecond: 3000, timeToFirstTokenMs: 5, loadMsPerGb: 2 });
    alpha.emu.control.clearCalls();
    const bench = await loadout(['bench', Q7, '--runs', '1', '--rating', '4', '--lang', 'en', '--machine', 'alpha']);
    expect(bench.code, bench.stderr).toBe(0);
    expect(bench.stderr).toMatch(/\[1\/8\] short-pt-BR run 1: \d+(\.\d)? tok\/s/);
    expect(bench.stdout).toMatch(/^## Qwen2\.5 7B Instruct - Q4_K_M\n/);
    expect(bench.stdout).toContain('**Quality**: ⭐⭐⭐⭐☆ (4/5)');
    expect(bench.stdout).toContain('Stored as #1.');
    expect(mutations(alpha.emu)).toEqual(['load', 'unload']);
    expect(mutations(beta.emu)).toEqual([]);
  });

  it('names the known machines for an unknown one, and says what an LM Studio-only machine lacks', async () => {
    const unknown = await loadout(['apply', 'light', '--machine', 'gamma']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('loadout apply: No machine named "gamma". Known machines: alpha, beta, nas.\n');
    const lm = await loadout(['unload', '--all', '--machine', 'nas']);
    expect(lm.code).toBe(1);
    expect(lm.stderr).toMatch(
      /"nas" runs LM Studio only, so `loadout unload` cannot run there: it needs Loadout on that machine/,
    );
    expect(lm.stderr).toContain('`loadout models --machine nas` works as it is');
    expect(loaded(nas)).toEqual([PHI]);
    const clash = await loadout(['apply', 'light', '--machine', 'alpha', '--standalone']);
    expect(clash.code).toBe(2);
  });

  it('says what is wrong with a machine: no token, wrong token, changed certificate, older agent, offline', async () => {
    const noToken = await loadout(['models', '--machine', 'alpha'], {});
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('No token for "alpha"');
    expect(noToken.stderr).toContain('LOADOUT_MACHINE_TOKEN_ALPHA');

    const wrong = await loadout(['unload', '--all', '--machine', 'alpha', '--json'], {
      LOADOUT_MACHINE_TOKEN_ALPHA: 'not-the-token-of-alpha',
    });
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ plan: [], result: 'failed' });
    expect(wrong.stderr).toMatch(/"alpha" refused the token \(HTTP 401/);

    // Same address and token, another pinned fingerprint: as if the certificate there had changed.
    addMachine({ name: 'beta-moved', url: beta.url, fingerprint: 'ab'.repeat(32) });
    beta.emu.control.clearCalls();
    const moved = await loadout(['apply', 'gaming', '--machine', 'beta-moved'], {
      LOADOUT_MACHINE_TOKEN_BETA_MOVED: TOKEN_B,
    });
    expect(moved.code).toBe(1);
    expect(moved.stderr).toMatch(/^loadout apply: The certificate of "beta-moved" has changed: pinned AB:AB/);
    expect(moved.stderr).toContain('`loadout machines remove beta-moved` and add it again');
    expect(mutations(beta.emu)).toEqual([]);

    addMachine({ name: 'old', url: old.url });
    const older = await loadout(['models', '--machine', 'old'], { LOADOUT_MACHINE_TOKEN_OLD: 'any-token-will-do' });
    expect(older.code).toBe(1);
    expect(older.stderr).toMatch(/"old" runs Loadout 0\.4\.0, whose app contract \(1\) is older/);

    addMachine({ name: 'gone', url: 'http://127.0.0.1:9' });
    const offline = await loadout(['energy', '--machine', 'gone'], { LOADOUT_MACHINE_TOKEN_GONE: 'x-token' });
    expect(offline.code).toBe(1);
    expect(offline.stderr).toMatch(/^loadout energy: "gone" does not answer at http:\/\/127\.0\.0\.1:9/);
    // Every other machine still answers.
    expect((await loadout(['models', '--machine', 'alpha', '--json'])).code).toBe(0);
  });

  it('an agent killed mid-switch: the steps done before, the end unknown, what to do; the others untouched', async () => {
    // beta: unload llama-3.2-3b, then two slow loads; it dies during the first load.
    beta.emu.control.set({ loadMsPerGb: 5000 });
    beta.emu.control.clearCalls();
    alpha.emu.control.clearCalls();
    const running = loadout(['apply', 'multi-agent', '--machine', 'beta']);
    const deadline = Date.now() + 60_000;
    while (beta.emu.state.pendingLoads.size === 0) {
      if (Date.now() > deadline) throw new Error(`no load began on beta: ${JSON.stringify(beta.emu.state.calls)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await beta.kill();
    const run = await running;
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`[1/3] unload ${L3}`);
    expect(run.stderr).toContain('loadout apply: "beta" stopped answering during the switch to "multi-agent"');
    expect(run.stderr).toContain(`Done before the drop: unload ${L3}; under way: step 2/3, load ${CODER}.`);
    expect(run.stderr).toContain('Whether the switch finished there is unknown.');
    expect(run.stderr).toContain(
      '`loadout models --machine beta`, then apply again: `loadout apply multi-agent --machine beta`',
    );
    expect(mutations(beta.emu)).toEqual(['unload', 'load']);
    expect(mutations(alpha.emu)).toEqual([]);
    expect((await loadout(['models', '--machine', 'alpha', '--json'])).code).toBe(0);
  });
});
