/**
 * The CLI (and with it `serve`) started on a Node older than 22 says which Node it needs, not
 * "No such built-in module: node:sqlite". Runs with an old `node` on this machine (Debian's /usr/bin/node
 * is 20); skipped where every node on PATH is 22 or newer.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

/** The first `node` on PATH (or /usr/bin/node) whose major version is below 22. */
function findOldNode(): { path: string; version: string } | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/local/bin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'node');
    if (!fs.existsSync(candidate)) continue;
    try {
      const version = execFileSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
      if (Number.parseInt(version, 10) < 22) return { path: candidate, version };
    } catch {
      // Not a runnable node: try the next.
    }
  }
  return null;
}

const oldNode = findOldNode();

describe.skipIf(oldNode === null)('loadout on a Node older than 22', { timeout: 120_000 }, () => {
  it.each([['energy'], ['serve', '--port', '0'], ['models']])(
    'loadout %s exits 1 naming the Node it found',
    (...args) => {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-old-node-'));
      try {
        const run = spawnSync(oldNode!.path, ['--import', 'tsx', 'electron/cli/main.ts', ...args], {
          cwd: root,
          encoding: 'utf8',
          env: { ...process.env, LOADOUT_HOME: home },
          timeout: 60_000,
        });
        expect(run.status).toBe(1);
        expect(run.stderr).toContain(`Loadout needs Node.js 22 or newer (found ${oldNode!.version})`);
        expect(run.stderr).not.toContain('node:sqlite');
        expect(run.stdout).toBe('');
      } finally {
        fs.rmSync(home, { recursive: true, force: true });
      }
    },
  );
});
