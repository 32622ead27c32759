/**
 * `loadout bench MODEL` through a running `loadout serve` (real processes, one LOADOUT_HOME, the LM Studio
 * emulator, the fake `lms` and the fake nvidia-smi given to serve only): the CLI's own LM Studio URL is
 * dead, so the run, its progress lines and the stored result came from serve. Ctrl+C cancels the run there.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachToRunningCore } from '../../../electron/core/attach/attach-to-running-core';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator';
import { spawnLoadout, type ProcessOutput } from '../../support/cli-harness';
import { deadCliEnv, startRunningServe, type RunningServe } from '../../support/running-serve';

const ROOT = path.resolve(__dirname, '../../..');
const MODEL = 'qwen2.5-7b-instruct';
let home: string;
let emu: LmStudioEmulator;
let serve: RunningServe;

/** Serve's own list of stored results, over its app API. */
async function serveResults(): Promise<
  { id: number; model: { key: string }; runs: number; human: { rating: number | null } }[]
> {
  const attached = await attachToRunningCore(home);
  if (!attached) throw new Error('serve is not running');
  try {
    const list = await attached.client.call('bench.list', undefined);
    if (!list.ok) throw new Error(list.error.message);
    return list.result;
  } finally {
    await attached.close();
  }
}

beforeEach(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-bench-serve-'));
  emu = await createLmStudioEmulator({ tokensPerSecond: 3000, timeToFirstTokenMs: 5, loadMsPerGb: 2 });
  serve = await startRunningServe(home, emu.url, { lms: FAKE_LMS_PATH });
});
afterEach(async () => {
  await serve.stop();
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('loadout bench through a running serve', { timeout: 240_000 }, () => {
  it('runs in serve with its progress lines, rates it as asked, and serve lists the stored result', async () => {
    const run = await spawnLoadout(['bench', MODEL, '--runs', '1', '--rating', '4', '--lang', 'en'], deadCliEnv(home));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/\[1\/8\] short-pt-BR run 1: \d+(\.\d)? tok\/s/);
    expect(run.stdout).toMatch(/^## Qwen2\.5 7B Instruct - Q4_K_M\n/);
    expect(run.stdout).toContain('**Quality**: ⭐⭐⭐⭐☆ (4/5)');
    expect(run.stdout).toContain('Per prompt (median of 1 run):');
    expect(run.stdout).toContain('Stored as #1.');
    // Serve's LM Studio loaded the model for the run and unloaded it again.
    expect(emu.state.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/models/load')).toBe(true);
    expect(emu.state.instances).toHaveLength(0);
    expect(await serveResults()).toEqual([
      expect.objectContaining({
        id: 1,
        model: expect.objectContaining({ key: MODEL }),
        runs: 1,
        human: expect.objectContaining({ rating: 4 }),
      }),
    ]);
  });

  it('Ctrl+C cancels the run in serve: nothing is stored and serve keeps serving', async () => {
    emu.control.set({ tokensPerSecond: 20 });
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'bench', MODEL, '--runs', '1'], {
      cwd: ROOT,
      env: { ...process.env, ...deadCliEnv(home) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const ended = new Promise<ProcessOutput>((resolve) =>
      child.on('close', (code) => resolve({ code, stdout, stderr })),
    );
    // Once serve is generating the benchmark's answers, interrupt the CLI.
    while (!emu.state.instances.some((i) => i.activeRequests > 0))
      await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGINT');
    const out = await ended;
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('The benchmark was cancelled; nothing was stored.');
    expect(out.stdout).toBe('');
    expect(await serveResults()).toEqual([]);
  });
});
