/** A database damaged while the app runs: the next write reports it, the file is moved aside, measuring goes on into a fresh one. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEnergyReport } from '../../../electron/core/energy/energy-reports';
import { createEnergyService } from '../../../electron/core/energy/energy-service';
import { defaultSettings } from '../../../shared/settings/schema';
import { sampleOf } from '../../support/h200-trace';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('energy ledger damaged at run time', () => {
  it('moves the damaged file aside, says so, and keeps the minutes still in memory', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-recover-'));
    dirs.push(dataDir);
    const messages: string[] = [];
    const service = createEnergyService({ dataDir, settings: defaultSettings, onMessage: (m) => messages.push(m) });
    const t0 = Date.UTC(2026, 10, 26, 9, 0, 0);
    for (let t = t0; t <= t0 + 30_000; t += 1000) service.tracker.ingest(sampleOf(t, { powerW: 100 }));
    service.tracker.flush();
    // Something overwrites the file under the open connection (disk fault, a sync tool, a bad copy).
    const file = path.join(dataDir, 'loadout.db');
    for (const suffix of ['', '-wal', '-shm'])
      if (fs.existsSync(file + suffix)) fs.writeFileSync(file + suffix, Buffer.alloc(64 * 1024, 0x5a));
    for (let t = t0 + 31_000; t <= t0 + 90_000; t += 1000) service.tracker.ingest(sampleOf(t, { powerW: 100 }));
    service.tracker.flush();
    const aside = fs.readdirSync(dataDir).filter((f) => f.startsWith('loadout.db.corrupt-'));
    expect(aside.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(/damaged/);
    const report = buildEnergyReport(service.ledger, {
      fromMs: t0,
      toMs: t0 + 3_600_000,
      by: 'day',
      settings: defaultSettings(),
    });
    // The minute still in memory (09:01) reached the fresh file; 09:00 went aside with the old one.
    expect(report.kWh * 3_600_000).toBeGreaterThanOrEqual(30 * 100 - 4);
    service.dispose();
  });
});
