/**
 * A crashed Loadout leaves its nvidia-smi loop child running (on Windows it outlives its parent). The next
 * start kills it, but only after checking the pid is still an nvidia-smi loop: pids are reused.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSmiLoop, killStaleSmiChildren } from '../../../../electron/core/hardware/smi/smi-child-record';
import { openSmiReader } from '../../../../electron/core/hardware/smi/smi-reader';
import { FAKE_SMI, isAlive, waitFor } from '../../../support/fake-smi';

let dir: string;
const children: ChildProcess[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-stale-smi-'));
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

const start = (args: string[]) => {
  const child = spawn(process.execPath, args, { stdio: 'ignore', env: { ...process.env, FAKE_NVSMI_SPEED: '10' } });
  children.push(child);
  return child;
};
/** A pid whose process has exited: the owner that crashed. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid;
const record = (owner: number, child: number) =>
  fs.writeFileSync(path.join(dir, `nvidia-smi-${owner}.pid`), `${child}\n`);

describe('stale nvidia-smi loop children', () => {
  it('kills the loop child of a crashed Loadout, and spares a reused pid and a live owner', async () => {
    const stale = start([FAKE_SMI, '--query-gpu=index,power.draw', '--format=csv,noheader,nounits', '-lms', '1000']);
    const reused = start(['-e', 'setTimeout(() => {}, 60000)']);
    const owned = start([FAKE_SMI, '--query-gpu=index', '--format=csv,noheader,nounits', '-lms', '1000']);
    const crashedOwner = deadPid();
    const otherCrashedOwner = deadPid();
    record(crashedOwner, stale.pid!);
    record(otherCrashedOwner, reused.pid!);
    record(process.ppid, owned.pid!); // an owner that is still running keeps its child
    const exited = new Promise((resolve) => stale.once('exit', resolve));

    expect(await killStaleSmiChildren(dir)).toEqual([stale.pid]);
    await exited;
    expect(isAlive(reused.pid!)).toBe(true);
    expect(isAlive(owned.pid!)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([`nvidia-smi-${process.ppid}.pid`]);
  });

  it('records the running loop child in the data folder and removes the record on close', async () => {
    const reader = await openSmiReader({
      env: { ...process.env, LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: FAKE_SMI },
      intervalMs: 200,
      childRecordDir: dir,
    });
    const file = path.join(dir, `nvidia-smi-${process.pid}.pid`);
    try {
      expect(fs.readFileSync(file, 'utf8')).toBe(`${reader.childPid}\n`);
    } finally {
      await reader.close();
    }
    expect(await waitFor(() => !fs.existsSync(file))).toBe(true);
  });

  it('recognises a loop child by its command line, on Windows too', () => {
    expect(
      isSmiLoop([
        'C:\\Windows\\System32\\nvidia-smi.exe',
        '--query-gpu=index',
        '--format=csv,noheader,nounits',
        '-lms',
        '1000',
      ]),
    ).toBe(true);
    expect(isSmiLoop(['/usr/bin/nvidia-smi', '-q'])).toBe(false);
    expect(isSmiLoop(['C:\\Program Files\\App\\app.exe', '--query-gpu=index', '-lms', '1000'])).toBe(false);
  });
});
