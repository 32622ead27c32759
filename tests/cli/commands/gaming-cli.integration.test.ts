/**
 * `loadout gaming`: on its own it edits the setting and says the mode runs in the app or serve; through a
 * real `loadout serve` it turns the mode on there, and a real process named like a listed game (a copy of
 * node) takes the GPU: the emulator's model is unloaded, and comes back when the process ends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gamingCommand } from '../../../electron/cli/commands/gaming';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator';
import { runLoadout, spawnLoadout } from '../../support/cli-harness';
import { deadCliEnv, startRunningServe, type RunningServe } from '../../support/running-serve';

let home: string;
let emu: LmStudioEmulator | null = null;
let serve: RunningServe | null = null;
let game: ChildProcess | null = null;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-gaming-cli-'));
});
afterEach(async () => {
  game?.kill();
  await serve?.stop();
  serve = null;
  await emu?.close();
  emu = null;
  fs.rmSync(home, { recursive: true, force: true });
});

type Status = { running: boolean; enabled: boolean; phase?: string; games?: string[] };

async function statusJson(): Promise<Status> {
  const out = await spawnLoadout(['gaming', 'status', '--json'], deadCliEnv(home));
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as Status;
}

/** Ask serve again until its gaming mode reaches `phase` (each answer is a real detection pass's result). */
async function untilPhase(phase: string): Promise<Status> {
  for (;;) {
    const s = await statusJson();
    if (s.phase === phase) return s;
  }
}

describe('loadout gaming', { timeout: 240_000 }, () => {
  it('with nothing running: on/off edit the setting and status says the mode is not running', async () => {
    const env = deadCliEnv(home);
    const on = await runLoadout([gamingCommand], ['gaming', 'on'], env);
    expect(on.code, on.stderr).toBe(0);
    expect(on.stdout).toContain(
      'Gaming mode is now on in the settings. Gaming mode runs inside the tray app and `loadout serve`',
    );
    expect(new SettingsStore({ dataDir: home }).get().gaming.enabled).toBe(true);
    const status = await runLoadout([gamingCommand], ['gaming', 'status', '--json'], env);
    expect(JSON.parse(status.stdout)).toEqual({ running: false, enabled: true });
    const restore = await runLoadout([gamingCommand], ['gaming', 'restore'], env);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(/^loadout gaming: nothing to restore here\./);
    const bad = await runLoadout([gamingCommand], ['gaming', 'pause'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown gaming action "pause": use status, on, off or restore.');
  });

  it.runIf(process.platform === 'linux')(
    'through serve: a real process named like a listed game unloads the model, and its end restores it',
    async () => {
      emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct', contextLength: 4096 }] });
      new SettingsStore({ dataDir: home }).update((s) => ({
        ...s,
        gaming: { ...s.gaming, processes: ['loadout-test-game'], checkIntervalSeconds: 1, restoreAfterSeconds: 0 },
      }));
      serve = await startRunningServe(home, emu.url, { lms: FAKE_LMS_PATH });
      const on = await spawnLoadout(['gaming', 'on'], deadCliEnv(home));
      expect(on.code, on.stderr).toBe(0);
      expect(on.stdout).toContain('Gaming mode: on, watching for games');

      // A copy of node under the game's name: the process list shows that executable name.
      const exe = path.join(home, 'loadout-test-game');
      fs.copyFileSync(process.execPath, exe);
      fs.chmodSync(exe, 0o755);
      game = spawn(exe, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      const holding = await untilPhase('holding');
      expect(holding.games).toEqual(['loadout-test-game']);
      expect(emu.state.instances).toEqual([]);

      game.kill();
      game = null;
      await untilPhase('watching');
      expect(emu.state.instances.map((i) => [i.id, i.contextLength])).toEqual([['qwen2.5-7b-instruct', 4096]]);
    },
  );
});
