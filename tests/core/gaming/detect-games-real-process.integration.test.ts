/** The detector against the real /proc: a real process started as a listed game, then ended. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGameDetector } from '../../../electron/core/gaming/detect-games';
import { defaultSettings } from '../../../shared/settings/schema';

const GAME = 'loadout-test-game';
let child: ChildProcess | null = null;
let dir: string | null = null;
afterEach(() => {
  child?.kill();
  child = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe.runIf(process.platform === 'linux')('createGameDetector on this machine', () => {
  it('sees a listed game from the moment its process runs, and not after it ends', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-game-'));
    const game = path.join(dir, GAME);
    fs.copyFileSync(fs.realpathSync('/bin/sleep'), game);
    fs.chmodSync(game, 0o755);
    const detector = createGameDetector({
      gamingSettings: () => ({ ...defaultSettings().gaming, processes: [`${GAME.toUpperCase()}.exe`] }),
      libraryLocations: { steamRoots: [], epicManifestDirs: [], gogRoots: [], xboxRoots: [] },
    });
    expect((await detector.check()).games).toEqual([]);

    const running = spawn(game, ['600'], { stdio: 'ignore' });
    child = running;
    await new Promise((resolve) => running.once('spawn', resolve));
    const seen = await detector.check();
    expect(seen).toEqual({
      games: [{ name: GAME, exe: GAME, pid: running.pid, source: 'list' }],
      complete: true,
      problems: [],
    });

    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill();
    await exited;
    expect((await detector.check()).games).toEqual([]);
  });
});
