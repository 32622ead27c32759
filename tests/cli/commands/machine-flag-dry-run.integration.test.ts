/**
 * `loadout apply ID --dry-run --machine NAME` against a real `loadout serve` agent (issue 18 follow-up):
 * the plan and the fit check of that machine, in the words, JSON and exit codes of a local dry run over
 * the same LM Studio, and nothing loaded or unloaded there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCommand } from '../../../electron/cli/commands/apply';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { FAKE_LMS_PATH } from '../../emulator';
import { runLoadout } from '../../support/cli-harness';
import { startFleetAgent, type FleetAgent } from '../../support/fleet-agents';
import { deadCliEnv } from '../../support/running-serve';

const TOKEN = 'token-for-dry-run-0123456789';
const Q7 = 'qwen2.5-7b-instruct';
const ROOT = path.resolve(__dirname, '../../..');

let home: string;
let agent: FleetAgent;
const loadout = (argv: string[], env: Record<string, string> = {}) =>
  runLoadout([applyCommand], argv, {
    ...process.env,
    ...deadCliEnv(home),
    LOADOUT_MACHINE_TOKEN_ALPHA: TOKEN,
    ...env,
  });
/** This machine over the agent's own LM Studio, `lms` and GPU: a local dry run that should read the same. */
const sameMachine = () => ({
  LOADOUT_LMSTUDIO_URL: agent.emu.url,
  LOADOUT_LMS: FAKE_LMS_PATH,
  LOADOUT_NVIDIA_SMI: path.join(ROOT, 'tests/fakes/nvidia-smi/nvidia-smi'),
  FAKE_NVSMI_SPEED: '4',
});
const mutations = () =>
  agent.emu.state.calls.filter((c) => c.method === 'POST' && /\/(models|lms)\/(load|unload)$/.test(c.path));
// The replayed GPU's free memory moves between two reads: compare the words, not the figures.
const words = (text: string) => text.replace(/\d+([.,]\d+)?/g, 'N');

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-dry-run-machine-'));
  agent = await startFleetAgent('127.0.0.13', TOKEN, [Q7]);
  new SettingsStore({ dataDir: home }).update((s) => ({
    ...s,
    machines: [{ name: 'alpha', url: agent.url, kind: 'loadout' as const }],
  }));
}, 120_000);
afterAll(async () => {
  await agent?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('apply --dry-run --machine NAME', { timeout: 120_000 }, () => {
  it('prints that machine’s plan and fit as a local dry run does, touching nothing', async () => {
    agent.emu.control.clearCalls();
    const there = await loadout(['apply', 'multi-agent', '--dry-run', '--machine', 'alpha']);
    expect(there.code, there.stderr).toBe(0);
    const here = await loadout(['apply', 'multi-agent', '--dry-run'], sameMachine());
    expect(here.code, here.stderr).toBe(0);
    const [title, ...rest] = there.stdout.trimEnd().split('\n');
    expect(title).toBe('Plan for "multi-agent" (dry run, nothing changed):');
    // Its LM Studio holds qwen2.5-7b with other settings: unload it, load the coder, load it back (with why and size).
    expect(rest.slice(0, 3).map((l) => l.trim().split(/\s+/)[0])).toEqual(['unload', 'load', 'load']);
    expect(rest[0]).toMatch(new RegExp(`^ {2}unload ${Q7} \\(\\d+(\\.\\d+)? GiB\\) — .+`));
    expect(words(there.stdout)).toBe(words(here.stdout));
    expect(there.stderr).toBe('');

    const json = await loadout(['apply', 'multi-agent', '--dry-run', '--machine', 'alpha', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const localJson = await loadout(['apply', 'multi-agent', '--dry-run', '--json'], sameMachine());
    const out = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['preset', 'plan', 'result', 'message']);
    expect(out.plan).toEqual((JSON.parse(localJson.stdout) as Record<string, unknown>).plan);
    expect(out).toMatchObject({ preset: 'multi-agent', result: 'ok' });
    expect(mutations()).toEqual([]);
    expect(agent.emu.state.instances.map((i) => i.id)).toEqual([Q7]);
  });

  it('says an unknown preset with the known ones, exit 1, as here', async () => {
    const unknown = await loadout(['apply', 'nope', '--dry-run', '--machine', 'alpha', '--json']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)).toEqual({
      preset: 'nope',
      plan: [],
      result: 'failed',
      message: expect.stringMatching(/^No preset "nope"\. Known presets: .*multi-agent/),
    });
    expect(unknown.stderr).toMatch(/^loadout apply: No preset "nope"\. Known presets: /);
  });
});
