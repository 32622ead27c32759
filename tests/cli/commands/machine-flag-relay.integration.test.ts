/**
 * `--machine NAME` through a running local `loadout serve`: the CLI has no token of the agent (only serve
 * has it, in its own environment), so every call below went through serve's `fleet.call`, and the agent's
 * progress came back as `fleet.event`. The agent's emulator received exactly the switch's loads and
 * unloads and the local LM Studio none; then the agent is killed in the middle of a switch.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator';
import { spawnLoadout } from '../../support/cli-harness';
import { startFleetAgent, type FleetAgent } from '../../support/fleet-agents';
import { deadCliEnv, startRunningServe, type RunningServe } from '../../support/running-serve';

const TOKEN = 'token-for-alpha-relayed-0123456789';
const Q7 = 'qwen2.5-7b-instruct';
let home: string;
let local: LmStudioEmulator;
let alpha: FleetAgent;
let serve: RunningServe;

const loadout = (...args: string[]) => spawnLoadout(args, deadCliEnv(home));
const mutations = (emu: LmStudioEmulator) =>
  emu.state.calls
    .filter((c) => c.method === 'POST' && /\/(models|lms)\/(load|unload)$/.test(c.path))
    .map((c) => c.path.replace(/^.*\//, ''));

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-machine-relay-'));
  [local, alpha] = await Promise.all([
    createLmStudioEmulator({ preload: [{ key: Q7 }] }),
    startFleetAgent('127.0.0.2', TOKEN, [Q7]),
  ]);
  new SettingsStore({ dataDir: home }).update((s) => ({
    ...s,
    machines: [{ name: 'alpha', url: alpha.url, kind: 'loadout' }],
  }));
  serve = await startRunningServe(home, local.url, {
    lms: FAKE_LMS_PATH,
    env: { LOADOUT_MACHINE_TOKEN_ALPHA: TOKEN },
  });
}, 180_000);
afterAll(async () => {
  await serve?.stop();
  await Promise.all([alpha?.stop(), local?.close()]);
  fs.rmSync(home, { recursive: true, force: true });
});

describe('--machine NAME through the running Loadout', { timeout: 240_000 }, () => {
  it('models and apply go through fleet.call, with the progress lines from fleet.event', async () => {
    const models = await loadout('models', '--machine', 'alpha', '--json');
    expect(models.code, models.stderr).toBe(0);
    expect((JSON.parse(models.stdout) as { loaded: { instanceId: string }[] }).loaded.map((l) => l.instanceId)).toEqual(
      [Q7],
    );
    alpha.emu.control.clearCalls();
    local.control.clearCalls();
    const run = await loadout('apply', 'light', '--machine', 'alpha');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Switching to "light"…\n\[1\/3\] unload qwen2\.5-7b-instruct .*\n\[2\/3\] load /);
    expect(run.stdout).toContain('"light" is active: kept 0, unloaded 1, loaded 2.');
    expect(mutations(alpha.emu)).toEqual(['unload', 'load', 'load']);
    expect(mutations(local)).toEqual([]);
    expect(local.state.instances.map((i) => i.id)).toEqual([Q7]);
  });

  it('energy reads the agent’s own ledger through the relay, in the local JSON shape', async () => {
    const energy = await loadout('energy', '--machine', 'alpha', '--json');
    expect(energy.code, energy.stderr).toBe(0);
    expect(Object.keys(JSON.parse(energy.stdout) as object)).toEqual([
      'from',
      'to',
      'kWh',
      'cost',
      'co2Grams',
      'method',
      'gaps',
      'rows',
      'gaming',
    ]);
    // The agent's report carries no gaming sessions: unknown (null), not an empty list.
    expect((JSON.parse(energy.stdout) as { gaming: unknown }).gaming).toBeNull();
  });

  it('apply --dry-run plans there and monitor streams its readings, both through fleet.call', async () => {
    alpha.emu.control.clearCalls();
    const dry = await loadout('apply', 'multi-agent', '--dry-run', '--machine', 'alpha', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    const plan = JSON.parse(dry.stdout) as { preset: string; plan: { action: string }[]; result: string };
    expect(plan).toMatchObject({ preset: 'multi-agent', result: 'ok' });
    expect(plan.plan.some((s) => s.action === 'load')).toBe(true);
    expect(mutations(alpha.emu)).toEqual([]);
    const live = await loadout('monitor', '--machine', 'alpha', '--count', '2', '--json');
    expect(live.code, live.stderr).toBe(0);
    const times = live.stdout
      .trim()
      .split('\n')
      .map((l) => Date.parse((JSON.parse(l) as { timestamp: string }).timestamp));
    expect(times).toHaveLength(2);
    expect(times[1]!).toBeGreaterThan(times[0]!);
  });

  it('the agent killed mid-switch: steps done, end unknown, what to do; the local LM Studio untouched', async () => {
    alpha.emu.control.set({ loadMsPerGb: 5000 });
    alpha.emu.control.clearCalls();
    local.control.clearCalls();
    const running = loadout('apply', 'multi-agent', '--machine', 'alpha');
    const deadline = Date.now() + 120_000;
    while (alpha.emu.state.pendingLoads.size === 0) {
      if (Date.now() > deadline) throw new Error(`no load began on alpha: ${JSON.stringify(alpha.emu.state.calls)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await alpha.kill();
    const run = await running;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('loadout apply: "alpha" stopped answering during the switch to "multi-agent"');
    expect(run.stderr).toMatch(
      /Done before the drop: (un)?load \S+(, (un)?load \S+)*; under way: step \d\/\d, (un)?load /,
    );
    expect(run.stderr).toContain('Whether the switch finished there is unknown.');
    expect(run.stderr).toContain('`loadout models --machine alpha`');
    expect(mutations(local)).toEqual([]);
    // The running Loadout says the same of alpha afterwards, and still answers for this machine.
    const after = await loadout('models', '--machine', 'alpha');
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/^loadout models: .*alpha/);
    expect((await loadout('monitor', '--once', '--json')).code).toBe(0);
  });
});
