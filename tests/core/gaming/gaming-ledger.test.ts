/**
 * Gaming sessions in loadout.db beside the energy ledger: kept across restarts, the old jsonl lines
 * imported once without loss, and the GPU energy spent during a session read from the energy minutes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEnergyLedger } from '../../../electron/core/energy/energy-service';
import { GAMING_HISTORY_FILE } from '../../../electron/core/gaming/gaming-history';
import { GAMING_HISTORY_IMPORTED, openGamingLedger } from '../../../electron/core/gaming/gaming-ledger';
import type { GamingSession } from '../../../shared/contract/gaming';
import { idleMinute as minute } from '../../support/gaming-fixtures';

const dirs: string[] = [];
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-gaming-ledger-'));
  dirs.push(dir);
  return dir;
}

function open(dir: string) {
  const { opened, ledger } = openGamingLedger(dir);
  closers.push(() => opened.close());
  return ledger;
}

const session = (game: string, startedAt: string, endedAt: string): GamingSession => ({
  game,
  startedAt,
  endedAt,
  outcome: 'restored',
  detail: 'qwen2.5-7b-instruct',
});

describe('gaming ledger', () => {
  it('keeps sessions across a reopen, newest first', () => {
    const dir = tempDir();
    const ledger = open(dir);
    ledger.record(session('eldenring.exe', '2026-12-07T18:00:00.000Z', '2026-12-07T19:00:00.000Z'));
    ledger.record(session('Cyberpunk 2077', '2026-12-07T20:00:00.000Z', '2026-12-07T21:42:00.000Z'));
    closers.pop()!();
    expect(
      open(dir)
        .latest(10)
        .map((s) => [s.game, s.startedAt, s.outcome, s.detail, s.energyWh]),
    ).toEqual([
      ['Cyberpunk 2077', '2026-12-07T20:00:00.000Z', 'restored', 'qwen2.5-7b-instruct', null],
      ['eldenring.exe', '2026-12-07T18:00:00.000Z', 'restored', 'qwen2.5-7b-instruct', null],
    ]);
  });

  it('imports the jsonl lines once, keeping the file renamed, and adds no duplicate', () => {
    const dir = tempDir();
    const old = session('Hades2.exe', '2026-12-06T10:00:00.000Z', '2026-12-06T11:00:00.000Z');
    fs.writeFileSync(path.join(dir, GAMING_HISTORY_FILE), `${JSON.stringify(old)}\nnot json\n`);
    const ledger = open(dir);
    expect(ledger.latest(10).map((s) => s.game)).toEqual(['Hades2.exe']);
    expect(fs.existsSync(path.join(dir, GAMING_HISTORY_FILE))).toBe(false);
    expect(fs.readFileSync(path.join(dir, GAMING_HISTORY_IMPORTED), 'utf8')).toContain('Hades2.exe');
    // The same line written again by an older Loadout is not a second session.
    fs.writeFileSync(path.join(dir, GAMING_HISTORY_FILE), `${JSON.stringify(old)}\n`);
    closers.pop()!();
    expect(open(dir).latest(10)).toHaveLength(1);
  });

  it('says the GPU energy the desk spent during a session, from the energy minutes', () => {
    const dir = tempDir();
    const energy = openEnergyLedger(dir);
    closers.push(() => energy.opened.close());
    const start = Date.parse('2026-12-07T20:00:00.000Z');
    // Two minutes inside the session (360 kJ = 100 Wh), one after it.
    energy.ledger.write(
      [minute(start, 180_000), minute(start + 60_000, 180_000), minute(start + 180_000, 90_000)],
      [],
      'test',
    );
    const ledger = open(dir);
    ledger.record(session('Cyberpunk 2077', '2026-12-07T20:00:00.000Z', '2026-12-07T20:02:00.000Z'));
    expect(ledger.latest(1)[0]!.energyWh).toBeCloseTo(100, 6);
  });
});
