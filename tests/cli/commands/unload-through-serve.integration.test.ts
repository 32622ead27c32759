/**
 * `loadout unload` through a running `loadout serve` (real processes, one LOADOUT_HOME, the LM Studio
 * emulator and the fake `lms` given to serve only): the CLI's own LM Studio URL is dead, so every unload
 * below went through serve. The words, JSON and exit codes are the in-process path's (presets-apply.test.ts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator';
import { spawnLoadout } from '../../support/cli-harness';
import { deadCliEnv, startRunningServe, type RunningServe } from '../../support/running-serve';

const ROOT = path.resolve(__dirname, '../../..');
const Q7 = 'qwen2.5-7b-instruct';
const L3 = 'llama-3.2-3b-instruct';
let home: string;
let emu: LmStudioEmulator;
let serve: RunningServe;

const loadout = (...args: string[]) => spawnLoadout(['unload', ...args], deadCliEnv(home));
const loaded = () => emu.state.instances.map((i) => i.id).sort();
const unloads = () => emu.state.calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/models/unload').length;

beforeEach(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-unload-serve-'));
  emu = await createLmStudioEmulator({ loadMsPerGb: 2, preload: [{ key: Q7 }, { key: L3 }] });
  // L3 pinned; a generating model is refused at once instead of waited for.
  new SettingsStore({ dataDir: home }).update((s) => ({
    ...s,
    pinned: [L3],
    lmstudio: { ...s.lmstudio, busyWaitSeconds: 0 },
  }));
  serve = await startRunningServe(home, emu.url, { lms: FAKE_LMS_PATH });
});
afterEach(async () => {
  await serve.stop();
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('loadout unload through a running serve', { timeout: 240_000 }, () => {
  it('unloads --all with its progress, keeps the pinned model and says so; --json prints the plan', async () => {
    const all = await loadout('--all');
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(new RegExp(`^\\[1/1\\] unload ${Q7} · \\d+\\.\\d s\\n`));
    expect(all.stdout).toContain(`Unloaded ${Q7}.\nKept (pinned): ${L3}.\n`);
    expect(loaded()).toEqual([L3]);

    const one = await loadout(L3, '--json');
    expect(one.code, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual({
      plan: [{ action: 'unload', key: L3, instanceId: L3 }],
      result: 'ok',
      message: null,
    });
    expect(loaded()).toEqual([]);

    const none = await loadout('--all');
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toMatch(/^done in \d+\.\d s\nNothing to unload\.\n$/);
  });

  it('refuses an unknown instance with the plan and the reason, as JSON and in words', async () => {
    const missing = await loadout('ghost', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toEqual({
      plan: [],
      result: 'refused',
      message: expect.stringContaining('No loaded instance "ghost"'),
    });
    expect(missing.stderr).toContain(`loadout unload: No loaded instance "ghost" (loaded: ${Q7}, ${L3})`);
    expect(unloads()).toBe(0);
  });

  it('refuses to unload a generating model, naming --force, and --force unloads it', async () => {
    emu.state.instances.find((i) => i.id === Q7)!.activeRequests = 1;
    const refused = await loadout(Q7, '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({
      plan: [{ action: 'unload', key: Q7, instanceId: Q7 }],
      result: 'refused',
      message: expect.stringMatching(/still generating.* Pass --force to unload anyway\.$/),
    });
    expect(refused.stderr).toContain('Pass --force to unload anyway.');
    expect(unloads()).toBe(0);

    const forced = await loadout(Q7, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain(`Unloaded ${Q7}.\n`);
    expect(loaded()).toEqual([L3]);
  });

  it('Ctrl+C cancels the unload in serve while it waits for a generating model', async () => {
    await serve.stop();
    new SettingsStore({ dataDir: home }).update((s) => ({ ...s, lmstudio: { ...s.lmstudio, busyWaitSeconds: 120 } }));
    serve = await startRunningServe(home, emu.url, { lms: FAKE_LMS_PATH });
    emu.state.instances.find((i) => i.id === Q7)!.activeRequests = 1;
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'unload', Q7], {
      cwd: ROOT,
      env: { ...process.env, ...deadCliEnv(home) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const ended = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    while (!stdout.includes(`Waiting for ${Q7} to finish generating`))
      await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGINT');
    expect(await ended).toBe(1);
    expect(stderr).toBe('loadout unload: The switch was cancelled before anything changed.\n');
    expect(unloads()).toBe(0);
    expect(loaded()).toEqual([Q7, L3].sort());
  });
});
