/** The core's dispose closes gaming mode's connection to loadout.db (the sessions' table). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../electron/core/app-core';
import { DATABASE_FILE } from '../../../electron/core/db/open-database';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('gaming mode at dispose', () => {
  it('closes its database connection, so SQLite folds the write-ahead log back into loadout.db', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-gaming-dispose-'));
    dirs.push(dir);
    const core = createAppCore({
      dataDir: dir,
      env: { LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9', PATH: '' },
      onMessage: () => {},
    });
    const wal = path.join(dir, `${DATABASE_FILE}-wal`);
    // Nothing opens loadout.db until gaming's sessions are first needed (a CLI command that never looks at
    // gaming must not create it).
    expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(false);
    core.gaming.status();
    // Now the gaming table exists: the connection is open and the log exists.
    expect(fs.existsSync(wal)).toBe(true);
    await core.dispose();
    // The last connection to close checkpoints and deletes the log; one left open keeps it.
    expect(fs.existsSync(wal)).toBe(false);
  });
});
