/** A hard kill (SIGKILL: no exit handler runs) loses at most the last minute of the ledger. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEnergyReport } from '../../../electron/core/energy/energy-reports';
import { openEnergyLedger } from '../../../electron/core/energy/energy-service';
import { defaultSettings } from '../../../shared/settings/schema';

const here = path.dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Run the child until it says ready, wait `afterReadyMs`, SIGKILL it; resolves with the joules it had measured. */
function runAndKill(dir: string, flushMs: number, afterReadyMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, '../../support/kill-child.ts'), dir, String(flushMs)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\S+)\n/.exec(out);
      if (m) setTimeout(() => child.kill('SIGKILL'), afterReadyMs);
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      const m = /ready (\S+)\n/.exec(out);
      if (signal !== 'SIGKILL' || !m) reject(new Error(`child did not get ready (signal ${signal}): ${err}`));
      else resolve(Number(m[1]));
    });
  });
}

function recordedJoules(dir: string): number {
  const { opened, ledger } = openEnergyLedger(dir);
  try {
    const report = buildEnergyReport(ledger, {
      fromMs: 0,
      toMs: Date.UTC(2030, 0, 1),
      by: 'day',
      settings: defaultSettings(),
    });
    return report.kWh * 3_600_000;
  } finally {
    opened.close();
  }
}

describe('hard kill', () => {
  it('with only minute-close flushes, everything but the unfinished last minute is on disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-kill-'));
    dirs.push(dir);
    const measured = await runAndKill(dir, 3_600_000, 0);
    expect(measured).toBeCloseTo(330 * 100, 6);
    const recorded = recordedJoules(dir);
    // The 5 whole minutes were flushed when minute 6 started; only minute 6's 30 s (3000 J) may be lost.
    // (kWh is reported to 6 decimals: ±2 J.)
    expect(recorded).toBeGreaterThanOrEqual(5 * 60 * 100 - 4);
    expect(recorded).toBeLessThanOrEqual(measured + 4);
  });

  it('after the periodic flush, the minute in progress is on disk too', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-kill-'));
    dirs.push(dir);
    const measured = await runAndKill(dir, 100, 1500);
    expect(Math.abs(recordedJoules(dir) - measured)).toBeLessThan(4);
  });
});
