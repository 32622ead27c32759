import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GpuSample } from '../../../../shared/hardware/sample';
import { openGpuReader } from '../../../../electron/core/hardware/open-gpu-reader';
import { SmiStream } from '../../../../electron/core/hardware/smi/smi-stream';
import { type SmiGpuReader, openSmiReader, smiHangLimitMs } from '../../../../electron/core/hardware/smi/smi-reader';
import { FAKE_SMI, isAlive, readPids, waitFor } from '../../../support/fake-smi';

let dir: string;
let pidFile: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-smi-'));
  pidFile = path.join(dir, 'pids');
});
afterEach(() => {
  for (const pid of readPids(pidFile)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

const envFor = (extra: Record<string, string> = {}) => ({
  ...process.env,
  LOADOUT_NVML: 'off',
  LOADOUT_NVIDIA_SMI: FAKE_SMI,
  FAKE_NVSMI_PIDFILE: pidFile,
  ...extra,
});

async function collectRows(reader: SmiGpuReader, n: number): Promise<GpuSample[]> {
  const rows: GpuSample[] = [];
  const off = reader.subscribeRows((g) => rows.push(g));
  await waitFor(() => rows.length >= n, 20_000);
  off();
  return rows;
}

describe('nvidia-smi reader against the fake replaying the real H200 trace', () => {
  it('goes on streaming rows to the other listeners when one throws, and reports each failure', async () => {
    const failures: Array<[unknown, string]> = [];
    const reader = await openSmiReader({
      env: envFor(),
      intervalMs: 200,
      onListenerError: (error, event) => failures.push([error, event]),
    });
    try {
      const broke = new Error('listener broke');
      const off = reader.subscribeRows(() => {
        throw broke;
      });
      const rows = await collectRows(reader, 3);
      off();
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(failures.length).toBeGreaterThanOrEqual(3);
      expect(failures[0]).toEqual([broke, 'row']);
    } finally {
      await reader.close();
    }
  });

  it('probes the fields, streams rows at the -lms spacing, and reads the real values', async () => {
    const reader = await openSmiReader({ env: envFor(), intervalMs: 200 });
    try {
      expect(reader.columns.fields).toContain('power.draw');
      expect(reader.columns.fields).not.toContain('power.draw.instant');
      const first = reader.read();
      expect(first.unavailableReason).toBeNull();
      expect(first.gpus[0]).toMatchObject({
        index: 0,
        name: 'NVIDIA H200',
        uuid: 'GPU-77396041-f2f3-df73-cd5b-873de9c35c72',
        powerW: 124.53,
        powerLimitW: 700,
        fanPercent: null,
        energyCounterMJ: null,
        pstate: 'P0',
      });
      expect(first.gpus[0]!.sampledAt).toBe(new Date(2026, 10, 26, 2, 56, 23, 476).toISOString());
      const rows = await collectRows(reader, 4);
      const gaps = rows.slice(1).map((r, i) => Date.parse(r.sampledAt!) - Date.parse(rows[i]!.sampledAt!));
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(150);
      reader.setProcessesWanted(true); // the monitor window is open
      await waitFor(() => reader.read().processes !== null);
      expect(reader.read().processes).toEqual([
        {
          pid: 811,
          name: 'python3',
          gpuUuid: 'GPU-77396041-f2f3-df73-cd5b-873de9c35c72',
          usedMemoryBytes: 6854 * 1024 * 1024,
        },
      ]);
      expect(await reader.inventory()).toMatchObject([
        { index: 0, name: 'NVIDIA H200', driverVersion: '580.159.04', computeCapability: '9.0', powerLimitW: 700 },
      ]);
    } finally {
      await reader.close();
    }
  });

  it('runs --query-compute-apps only while something shows the processes', async () => {
    const calls = path.join(path.dirname(pidFile), 'calls.log');
    const appsRuns = () =>
      fs.existsSync(calls)
        ? fs
            .readFileSync(calls, 'utf8')
            .split('\n')
            .filter((l) => l.includes('--query-compute-apps')).length
        : 0;
    const reader = await openSmiReader({ env: envFor({ FAKE_NVSMI_CALLS: calls }), intervalMs: 200 });
    try {
      await collectRows(reader, 3);
      expect(appsRuns()).toBe(0);
      expect(reader.read().processes).toBeNull();
      expect(reader.read().processesUnavailableReason).toContain('only while the monitor window');
      expect(reader.read().processesUnavailableKind).toBe('not-watched'); // a pt-BR window words it
      reader.setProcessesWanted(true);
      await waitFor(() => reader.read().processes !== null);
      expect(reader.read().processesUnavailableKind).toBeNull();
      expect(appsRuns()).toBe(1);
      reader.setProcessesWanted(false);
      expect(reader.read().processes).toBeNull();
      await collectRows(reader, 3);
      expect(appsRuns()).toBe(1);
    } finally {
      await reader.close();
    }
  });

  it('subsamples the trace to 1-s rows when asked for -lms 1000 (sped up 10×)', async () => {
    const reader = await openSmiReader({ env: envFor({ FAKE_NVSMI_SPEED: '10' }), intervalMs: 1000 });
    try {
      const rows = await collectRows(reader, 5);
      const gaps = rows.slice(1).map((r, i) => Date.parse(r.sampledAt!) - Date.parse(rows[i]!.sampledAt!));
      for (const gap of gaps) expect(Math.abs(gap - 1000)).toBeLessThan(120);
    } finally {
      await reader.close();
    }
  });

  it('the real nvidia-smi rejects an unknown field: the stream reports its message', async () => {
    let reason = '';
    const stream = new SmiStream({
      executable: FAKE_SMI,
      fields: ['index', 'cuda_version'],
      intervalMs: 200,
      onLine: () => undefined,
      onExit: (r) => (reason = r),
      initialBackoffMs: 60_000,
    });
    stream.start();
    await waitFor(() => reason !== '');
    await stream.stop();
    expect(reason).toContain('Field "cuda_version" is not a valid field to query.');
    expect(reason).toContain('code 2');
  });

  it('restarts the child with backoff when it crashes mid-stream, and leaves no child behind', async () => {
    const reader = await openSmiReader({ env: envFor({ FAKE_NVSMI_SCENARIO: 'crash-after:3' }), intervalMs: 100 });
    try {
      const rows = await collectRows(reader, 8);
      expect(rows.length).toBeGreaterThanOrEqual(8);
      expect(reader.restarts).toBeGreaterThanOrEqual(2);
      expect(readPids(pidFile).length).toBeGreaterThanOrEqual(3);
    } finally {
      await reader.close();
    }
    expect(readPids(pidFile).filter(isAlive)).toEqual([]);
  });

  it('between restarts, read() says the child died and when it restarts', async () => {
    const reader = await openSmiReader({ env: envFor({ FAKE_NVSMI_SCENARIO: 'crash-after:1' }), intervalMs: 100 });
    try {
      // One row, then exit; the restart waits 0.5 s, 1 s, 2 s …; rows go stale after 3 s.
      const dead = await waitFor(() => reader.read().unavailableReason !== null, 20_000);
      expect(dead).toBe(true);
      expect(reader.read().unavailableReason).toMatch(
        /nvidia-smi exited \(code 15\): Unable to determine the device handle .*GPU is lost/,
      );
      // The same as data, for a pt-BR window to word (the reason above is its English wording).
      expect(reader.read().unavailable).toMatchObject({
        kind: 'smi-exited',
        detail: expect.stringMatching(/^nvidia-smi exited \(code 15\)/),
      });
    } finally {
      await reader.close();
    }
  });

  it('a loop child alive but printing nothing past the hang limit is lost (to be killed and re-probed), not waited on forever', async () => {
    let clock = Date.now();
    const reader = await openSmiReader({ env: envFor(), intervalMs: 200, now: () => clock });
    expect(reader.read().gpus.length).toBeGreaterThan(0);
    const pid = reader.childPid!;
    // Hung as in a driver reset: the process is there, its output stops.
    process.kill(pid, 'SIGSTOP');
    clock += 4000;
    expect(reader.read()).toMatchObject({
      gpus: [],
      lost: null,
      unavailableReason: expect.stringMatching(/has not reported for over 3 s/),
      unavailable: { kind: 'smi-silent', seconds: 3 },
    });
    clock += smiHangLimitMs(200);
    const hung = reader.read();
    expect(hung.gpus).toEqual([]);
    expect(hung.unavailable).toEqual({ kind: 'smi-hung', seconds: 19 });
    expect(hung.lost).toMatch(
      /nvidia-smi is running but has printed nothing for 19 s \(hung, most likely in the driver\)/,
    );
    await reader.close();
    expect(isAlive(pid)).toBe(false);
  });

  it('skips junk lines and torn rows', async () => {
    const reader = await openSmiReader({
      env: envFor({ FAKE_NVSMI_SCENARIO: 'junk', FAKE_NVSMI_SPEED: '10' }),
      intervalMs: 200,
    });
    try {
      const rows = await collectRows(reader, 12);
      for (const r of rows) {
        expect(r.name).toBe('NVIDIA H200');
        expect(r.powerW).toBeGreaterThan(50);
        expect(Number.isNaN(Date.parse(r.sampledAt!))).toBe(false);
      }
    } finally {
      await reader.close();
    }
  });

  it('reads decimal commas', async () => {
    const reader = await openSmiReader({ env: envFor({ FAKE_NVSMI_SCENARIO: 'decimal-comma' }), intervalMs: 200 });
    try {
      expect(reader.read().gpus[0]?.powerW).toBe(124.53);
    } finally {
      await reader.close();
    }
  });

  it("no driver: falls to gpuSource none with the driver's own message and what to do", async () => {
    const choice = await openGpuReader({ env: envFor({ FAKE_NVSMI_SCENARIO: 'no-driver' }), intervalMs: 200 });
    expect(choice.reader).toBeNull();
    expect(choice.unavailableReason).toContain(
      "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver",
    );
    expect(choice.unavailableReason).toContain('LOADOUT_NVML=off');
    expect(choice.unavailableReason).toContain('install or repair the NVIDIA driver');
    // nvidia-smi exists but cannot reach the driver: installed, not answering.
    expect(choice.unavailable).toMatchObject({
      kind: 'driver-failed',
      nvml: expect.stringContaining('LOADOUT_NVML=off'),
    });
  });

  it('on Windows the nvidia-smi path does not ask for per-process memory (WDDM) and says why', async () => {
    const reader = await openSmiReader({ env: envFor(), intervalMs: 200, platform: 'win32' });
    try {
      const reading = reader.read();
      expect(reading.gpus).toHaveLength(1);
      expect(reading.processes).toBeNull();
      expect(reading.processesUnavailableReason).toContain('Windows WDDM');
      expect(reading.processesUnavailableKind).toBe('wddm');
    } finally {
      await reader.close();
    }
  });

  it('a missing executable is reported with where it was looked for', async () => {
    const choice = await openGpuReader({
      env: { ...process.env, LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: path.join(dir, 'nope') },
      intervalMs: 200,
    });
    expect(choice.unavailableReason).toContain('nvidia-smi was not found');
    expect(choice.unavailableReason).toContain(path.join(dir, 'nope'));
    expect(choice.unavailable).toMatchObject({
      kind: 'no-driver',
      smi: expect.stringContaining('nvidia-smi was not found'),
    });
  });
});
