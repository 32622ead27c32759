/** `loadout energy` on a ledger with a damaged page (the header reads fine): it says what happened and what to do, and prints no report. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEnergyCommand } from '../../../electron/cli/commands/energy';
import { openEnergyLedger } from '../../../electron/core/energy/energy-service';
import { runLoadout } from '../../support/cli-harness';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
let home: string;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-energy-damaged-'));
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

/** A ledger with a few thousand answers' records, then pages in the middle of the file overwritten. */
function damagedLedger(): void {
  const { opened } = openEnergyLedger(home);
  const insert = opened.db
    .prepare(`INSERT INTO energy_request (started_ms, ended_ms, local_day, model, preset_id, tokens, duration_ms, energy_j, wh_per_1k_tokens, method, coverage)
    VALUES (?, ?, '2026-11-26', 'qwen2.5-coder-14b', NULL, 100, 1000, 50, 0.14, 'counter', 1)`);
  for (let i = 0; i < 3000; i += 1) insert.run(NOW - (i + 1) * 1000, NOW - i * 1000);
  opened.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  opened.close();
  const file = path.join(home, 'loadout.db');
  const bytes = fs.readFileSync(file);
  bytes.fill(0xa5, 4096 * 3, bytes.length - 4096);
  fs.writeFileSync(file, bytes);
}

describe('loadout energy on a damaged ledger', () => {
  it('moves the file aside as the monitor does, says how to recover it, and prints no report', async () => {
    damagedLedger();
    const run = await runLoadout([createEnergyCommand({ now: () => NOW })], ['energy', '--by', 'model'], {
      LOADOUT_HOME: home,
      LANG: 'en_US.UTF-8',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const aside = fs.readdirSync(home).find((f) => f.startsWith('loadout.db.corrupt-'));
    expect(aside).toBeDefined();
    expect(run.stderr).toMatch(/energy ledger is damaged/);
    expect(run.stderr).toContain(`moved to ${path.join(home, aside!)}`);
    expect(run.stderr).toContain(`sqlite3 ${aside} .recover`);
  });
});
