/** gaming.status carries the recent sessions with their length and the GPU energy spent during each. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEnergyLedger } from '../../../electron/core/energy/energy-service';
import { createCoreGaming } from '../../../electron/core/gaming/core-gaming';
import { openGamingLedger } from '../../../electron/core/gaming/gaming-ledger';
import { SESSIONS_SHOWN } from '../../../electron/core/gaming/gaming-mode';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import { PresetsService } from '../../../electron/core/presets/presets-service';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { idleMinute as minute } from '../../support/gaming-fixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function coreGaming(dir: string) {
  const settings = new SettingsStore({ dataDir: dir });
  const client = createLmStudioClient({ baseUrl: 'http://127.0.0.1:9', env: { PATH: '' } });
  return createCoreGaming({
    settings,
    presets: new PresetsService({ settings, client, getSample: () => null }),
    lmstudio: client,
    hardware: { latest: () => null },
    onMessage: () => {},
    dataDir: dir,
    detector: { check: async () => ({ games: [], complete: true, problems: [] }) },
  });
}

describe('gaming status sessions', () => {
  it('gives each recent session its duration and energy (null without energy minutes), newest first', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-gaming-sessions-'));
    dirs.push(dir);
    const energy = openEnergyLedger(dir);
    const start = Date.parse('2026-12-07T20:00:00.000Z');
    // Two minutes inside the evening session: 2 × 738 kJ = 410 Wh.
    energy.ledger.write([minute(start, 738_000), minute(start + 60_000, 738_000)], [], 'test');
    energy.opened.close();
    const seeded = openGamingLedger(dir);
    for (let day = 1; day <= SESSIONS_SHOWN; day++) {
      const at = `2026-12-0${day}T10:00:00.000Z`;
      seeded.ledger.record({ game: `old${day}.exe`, startedAt: at, endedAt: at, outcome: 'restored', detail: null });
    }
    seeded.ledger.record({
      game: 'Cyberpunk 2077',
      startedAt: '2026-12-07T20:00:00.000Z',
      endedAt: '2026-12-07T21:42:00.000Z',
      outcome: 'restore-failed',
      detail: 'LM Studio is not running',
    });
    seeded.opened.close();

    const { mode, close } = coreGaming(dir);
    const { sessions } = mode.status();
    close();
    expect(sessions).toHaveLength(SESSIONS_SHOWN);
    expect(sessions[0]).toMatchObject({ game: 'Cyberpunk 2077', outcome: 'restore-failed', durationMs: 102 * 60_000 });
    expect(sessions[0]!.energyWh).toBeCloseTo(410, 6);
    expect(sessions[1]).toMatchObject({ game: 'old5.exe', durationMs: 0, energyWh: null });
  });
});
