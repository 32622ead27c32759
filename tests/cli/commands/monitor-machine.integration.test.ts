/**
 * `loadout monitor --machine NAME` live (issue 18 follow-up), against real `loadout serve` agents: the other
 * machine's readings stream in order, once each, in the local JSON and table shapes; --count and Ctrl+C end
 * it with exit 0; an agent killed mid-stream is said, exit 1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { monitorCommand } from '../../../electron/cli/commands/monitor';
import { runCli } from '../../../electron/cli/run-cli';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { startFleetAgent, type FleetAgent } from '../../support/fleet-agents';
import { deadCliEnv } from '../../support/running-serve';

const TOKEN_A = 'token-monitor-alpha-0123456789';
const TOKEN_B = 'token-monitor-beta-0123456789';
let home: string;
let alpha: FleetAgent;
let beta: FleetAgent;

/** Start `loadout monitor ARGS` in-process; its output so far, a Ctrl+C, and its exit code. */
function startMonitor(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = { stdout: '', stderr: '' };
  stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const ctrlC = new AbortController();
  const env = {
    ...process.env,
    ...deadCliEnv(home),
    LOADOUT_MACHINE_TOKEN_ALPHA: TOKEN_A,
    LOADOUT_MACHINE_TOKEN_BETA: TOKEN_B,
  };
  const code = runCli(['monitor', ...args], { stdout, stderr, env, signal: ctrlC.signal }, [monitorCommand]);
  return { out, code, ctrlC: () => ctrlC.abort() };
}
const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { timestamp: string; gpus: unknown[] });

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-monitor-machine-'));
  [alpha, beta] = await Promise.all([
    startFleetAgent('127.0.0.14', TOKEN_A, ['qwen2.5-7b-instruct']),
    startFleetAgent('127.0.0.15', TOKEN_B, ['llama-3.2-3b-instruct']),
  ]);
  new SettingsStore({ dataDir: home }).update((s) => ({
    ...s,
    machines: [
      { name: 'alpha', url: alpha.url, kind: 'loadout' as const },
      { name: 'beta', url: beta.url, kind: 'loadout' as const },
    ],
  }));
}, 120_000);
afterAll(async () => {
  await Promise.all([alpha?.stop(), beta?.stop()]);
  fs.rmSync(home, { recursive: true, force: true });
});

describe('monitor --machine NAME, live', { timeout: 120_000 }, () => {
  it('streams that machine’s readings in order, once each, until --count', async () => {
    const run = startMonitor(['--machine', 'alpha', '--json', '--count', '3']);
    expect(await run.code, run.out.stderr).toBe(0);
    const lines = jsonLines(run.out.stdout);
    expect(lines).toHaveLength(3);
    expect(Object.keys(lines[0]!).slice(0, 4)).toEqual(['timestamp', 'cpu', 'memory', 'gpus']);
    const times = lines.map((l) => Date.parse(l.timestamp));
    expect(times[1]!).toBeGreaterThan(times[0]!);
    expect(times[2]!).toBeGreaterThan(times[1]!);
    expect(lines[0]!.gpus.length).toBeGreaterThan(0);

    const table = startMonitor(['--machine', 'alpha', '--count', '2']);
    expect(await table.code, table.out.stderr).toBe(0);
    expect(table.out.stdout).toMatch(/^time {5}CPU % {2}RAM GiB.*\n\d\d:\d\d:\d\d [^\n]*\n(?:.*\n)*\d\d:\d\d:\d\d /);
  });

  it('stops cleanly on Ctrl+C', async () => {
    const run = startMonitor(['--machine', 'alpha', '--json']);
    await vi.waitFor(() => expect(jsonLines(run.out.stdout).length).toBeGreaterThanOrEqual(2), { timeout: 20_000 });
    run.ctrlC();
    expect(await run.code).toBe(0);
    expect(run.out.stderr).toBe('');
  });

  it('says an agent that drops mid-stream, exit 1', async () => {
    const run = startMonitor(['--machine', 'beta', '--json']);
    await vi.waitFor(() => expect(jsonLines(run.out.stdout).length).toBeGreaterThanOrEqual(1), { timeout: 20_000 });
    await beta.kill();
    expect(await run.code).toBe(1);
    expect(run.out.stderr).toMatch(
      /^loadout monitor: "beta" stopped answering after \d+ readings? \(.+\)\. See whether/,
    );
  });
});
