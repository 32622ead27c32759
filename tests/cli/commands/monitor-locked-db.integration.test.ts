/**
 * `loadout monitor --count N` while another process holds loadout.db's write lock: it ends at once
 * (no 5 s busy wait per write), and its readings are written when the lock goes away, or it says they were not.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openEnergyLedger } from '../../../electron/core/energy/energy-service';
import { FAKE_SMI } from '../../support/fake-smi';
import { holdLock, type LockHolder } from '../../support/hold-lock';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Run `monitor --json --count 3 --interval 200`; `onStderr` sees stderr as it grows. */
function runMonitor(home: string, onStderr: (text: string) => void) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/main.ts', 'monitor', '--json', '--count', '3', '--interval', '200'],
      {
        cwd: ROOT,
        env: { ...process.env, LOADOUT_HOME: home, LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: FAKE_SMI },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStderr(stderr);
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function lockedHome(): Promise<{ home: string; holder: LockHolder }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-monitor-locked-'));
  cleanups.push(() => fs.rmSync(home, { recursive: true, force: true }));
  openEnergyLedger(home).opened.close();
  const holder = await holdLock(path.join(home, 'loadout.db'));
  cleanups.push(() => holder.stop());
  return { home, holder };
}

function minutesRecorded(home: string): number {
  const { opened } = openEnergyLedger(home);
  try {
    return Number((opened.db.prepare('SELECT count(*) AS n FROM energy_minute').get() as { n: number }).n);
  } finally {
    opened.close();
  }
}

describe('loadout monitor with loadout.db locked by another process', () => {
  it('says the database is locked and writes the readings once the lock goes away', async () => {
    const { home, holder } = await lockedHome();
    let released: Promise<void> | null = null;
    const run = await runMonitor(home, (stderr) => {
      // The holder lets go only once the monitor has said it is waiting: the readings must survive the lock.
      if (!released && /is locked by another program/.test(stderr)) released = holder.release();
    });
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(3);
    expect(released).not.toBeNull();
    expect(run.stderr).not.toMatch(/are lost/);
    expect(minutesRecorded(home)).toBeGreaterThan(0);
  });

  it('ends while the lock is still held and says the readings were not saved and what to do', async () => {
    const { home, holder } = await lockedHome();
    const run = await runMonitor(home, () => {});
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(3);
    expect(run.stderr).toMatch(/is locked by another program/);
    expect(run.stderr).toMatch(
      /stayed locked by another program, so the energy readings of this run that were not written yet are lost\. Close the program that holds it/,
    );
    // The monitor ended while the other process still held the lock.
    await holder.release();
    expect(minutesRecorded(home)).toBe(0);
  });
});
