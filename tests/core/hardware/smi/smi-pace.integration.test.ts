/**
 * Gaming mode slows the monitor; with nvidia-smi as the source its own loop child (`-lms`) must slow too,
 * or nvidia-smi keeps waking the GPU every second. Real fake-nvidia-smi children, through the monitor.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CpuMemoryReader } from '../../../../electron/core/hardware/cpu-memory-reader';
import { createHardwareMonitor } from '../../../../electron/core/hardware/hardware-monitor';
import { SmiGpuReader } from '../../../../electron/core/hardware/smi/smi-reader';
import { FAKE_SMI, isAlive, readPids, waitFor } from '../../../support/fake-smi';

let dir: string;
let pidFile: string;
let callsFile: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-smi-pace-'));
  pidFile = path.join(dir, 'pids');
  callsFile = path.join(dir, 'calls');
});
afterEach(() => {
  for (const pid of readPids(pidFile)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The `-lms` of every loop child started so far, in order. */
const loopIntervals = () =>
  fs.existsSync(callsFile)
    ? fs
        .readFileSync(callsFile, 'utf8')
        .split('\n')
        .map((line) => /-lms (\d+)/.exec(line)?.[1])
        .filter((ms): ms is string => ms !== undefined)
        .map(Number)
    : [];

describe('nvidia-smi loop child under the monitor pace', () => {
  it('is reopened at the slow interval while slowed and at the normal one after, the old child gone', async () => {
    const monitor = createHardwareMonitor({
      intervalMs: 200,
      env: {
        ...process.env,
        LOADOUT_NVML: 'off',
        LOADOUT_NVIDIA_SMI: FAKE_SMI,
        FAKE_NVSMI_PIDFILE: pidFile,
        FAKE_NVSMI_CALLS: callsFile,
        FAKE_NVSMI_SPEED: '10',
      },
      cpuMemory: new CpuMemoryReader(undefined, 'linux'),
    });
    monitor.start();
    try {
      expect(await waitFor(() => (monitor.latest()?.gpus.length ?? 0) > 0, 20_000)).toBe(true);
      const reader = monitor.gpuReader();
      expect(reader).toBeInstanceOf(SmiGpuReader);
      const smi = reader as SmiGpuReader;
      const first = smi.childPid!;
      expect(loopIntervals()).toEqual([200]);

      monitor.setPace(10_000);
      expect(await waitFor(() => loopIntervals().length === 2)).toBe(true);
      expect(loopIntervals()).toEqual([200, 10_000]);
      const slow = smi.childPid!;
      expect(slow).not.toBe(first);
      expect(await waitFor(() => !isAlive(first))).toBe(true);
      // The same pace again, as each sample says it, opens nothing new.
      monitor.setPace(10_000);
      expect(smi.childPid).toBe(slow);

      monitor.setPace(null);
      expect(await waitFor(() => loopIntervals().length === 3)).toBe(true);
      expect(loopIntervals()).toEqual([200, 10_000, 200]);
      expect(await waitFor(() => !isAlive(slow))).toBe(true);
      expect(smi.childPid).not.toBe(slow);
      // The child at the normal pace streams rows again, and nothing reads as lost.
      const before = monitor.latest()!.timestamp;
      expect(await waitFor(() => monitor.latest()!.timestamp !== before && monitor.latest()!.gpus.length > 0)).toBe(
        true,
      );
    } finally {
      await monitor.stop();
    }
    expect(readPids(pidFile).filter(isAlive)).toEqual([]);
  });
});
