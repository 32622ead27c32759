/** Sessions an older Loadout kept in gaming-sessions.jsonl come back into the status (imported into the ledger). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoreGaming } from '../../../electron/core/gaming/core-gaming';
import { GAMING_HISTORY_FILE } from '../../../electron/core/gaming/gaming-history';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import { PresetsService } from '../../../electron/core/presets/presets-service';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import type { GamingSession } from '../../../shared/contract/gaming';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const session = (game: string, outcome: GamingSession['outcome']): GamingSession => ({
  game,
  startedAt: '2026-12-07T20:00:00.000Z',
  endedAt: '2026-12-07T21:42:00.000Z',
  outcome,
  detail: null,
});

describe('gaming history', () => {
  it('reads the kept sessions back, newest first, skipping a line that does not parse', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-gaming-history-'));
    dirs.push(dir);
    const messages: string[] = [];
    const line = (s: GamingSession) => `${JSON.stringify(s)}\n`;
    fs.writeFileSync(
      path.join(dir, GAMING_HISTORY_FILE),
      line(session('eldenring.exe', 'restored')) +
        '{"game": "cut off mid-wr\n' +
        line({ ...session('Cyberpunk2077.exe', 'restore-failed'), startedAt: '2026-12-07T22:00:00.000Z' }),
    );
    const settings = new SettingsStore({ dataDir: dir });
    const client = createLmStudioClient({ baseUrl: 'http://127.0.0.1:9', env: { PATH: '' } });
    const { mode: gaming, close } = createCoreGaming({
      settings,
      presets: new PresetsService({ settings, client, getSample: () => null }),
      lmstudio: client,
      hardware: { latest: () => null },
      onMessage: (m) => messages.push(m),
      dataDir: dir,
      detector: { check: async () => ({ games: [], complete: true, problems: [] }) },
    });
    expect(gaming.status().history.map((s) => [s.game, s.outcome])).toEqual([
      ['Cyberpunk2077.exe', 'restore-failed'],
      ['eldenring.exe', 'restored'],
    ]);
    expect(messages).toEqual([]);
    close();
  });
});
