/** `loadout energy` lists the period's gaming sessions from loadout.db under the table, and `--json` carries them. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEnergyCommand } from '../../../electron/cli/commands/energy';
import { openEnergyLedger } from '../../../electron/core/energy/energy-service';
import { openGamingLedger } from '../../../electron/core/gaming/gaming-ledger';
import { runLoadout } from '../../support/cli-harness';
import { idleMinute as minute } from '../../support/gaming-fixtures';

const NOW = Date.parse('2026-12-08T08:00:00.000Z');
let home: string;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-energy-gaming-'));
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

/** Two minutes of GPU energy in last evening's session (2 × 738 kJ = 0.41 kWh), and three sessions: two in the last 24 h. */
function seed(): void {
  const energy = openEnergyLedger(home);
  const start = Date.parse('2026-12-07T20:00:00.000Z');
  energy.ledger.write([minute(start, 738_000), minute(start + 60_000, 738_000)], [], 'test');
  energy.opened.close();
  const { opened, ledger } = openGamingLedger(home);
  ledger.record({
    game: 'Cyberpunk 2077',
    startedAt: '2026-12-07T20:00:00.000Z',
    endedAt: '2026-12-07T21:42:00.000Z',
    outcome: 'restored',
    detail: 'qwen2.5-7b-instruct',
  });
  ledger.record({
    game: 'eldenring.exe',
    startedAt: '2026-12-07T10:00:00.000Z',
    endedAt: '2026-12-07T10:05:00.000Z',
    outcome: 'restore-off',
    detail: null,
  });
  ledger.record({
    game: 'Hades2.exe',
    startedAt: '2026-12-01T10:00:00.000Z',
    endedAt: '2026-12-01T11:00:00.000Z',
    outcome: 'restore-failed',
    detail: 'LM Studio is not running',
  });
  opened.close();
}

const loadout = (...argv: string[]) =>
  runLoadout([createEnergyCommand({ now: () => NOW })], argv, { LOADOUT_HOME: home, LANG: 'en_US.UTF-8' });

describe('loadout energy with gaming sessions', () => {
  it('lists the sessions of the period under the table, newest first, with their energy', async () => {
    seed();
    const run = await loadout('energy', '--since', '24h');
    expect(run.code).toBe(0);
    const gamingLines = run.stdout.split('\n').filter((l) => l.startsWith('Gaming:'));
    expect(gamingLines).toEqual([
      'Gaming: Cyberpunk 2077, 1 h 42 min, models restored · 0.41 kWh',
      'Gaming: eldenring.exe, 5 min, models left unloaded',
    ]);
    // The lines come after the table's total row.
    const totalAt = run.stdout.indexOf('\ntotal ');
    expect(totalAt).toBeGreaterThan(0);
    expect(run.stdout.indexOf('Gaming:')).toBeGreaterThan(totalAt);
  });

  it('--json carries them as gaming, and a wider period takes in the older one', async () => {
    seed();
    const day = JSON.parse((await loadout('energy', '--since', '24h', '--json')).stdout);
    expect(day.gaming).toEqual([
      {
        game: 'Cyberpunk 2077',
        startedAt: '2026-12-07T20:00:00.000Z',
        endedAt: '2026-12-07T21:42:00.000Z',
        outcome: 'restored',
        detail: 'qwen2.5-7b-instruct',
        energyWh: expect.closeTo(410, 6),
      },
      expect.objectContaining({ game: 'eldenring.exe', outcome: 'restore-off', energyWh: null }),
    ]);
    const week = JSON.parse((await loadout('energy', '--since', '30d', '--json')).stdout);
    expect(week.gaming.map((s: { game: string }) => s.game)).toEqual(['Cyberpunk 2077', 'eldenring.exe', 'Hades2.exe']);
  });

  it('prints no gaming line and creates no database before anything was recorded', async () => {
    const run = await loadout('energy', '--json');
    expect(JSON.parse(run.stdout).gaming).toEqual([]);
    expect(fs.existsSync(path.join(home, 'loadout.db'))).toBe(false);
  });
});
