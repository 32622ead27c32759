/**
 * serve's windows are its WebSocket clients: while one is connected, serve reads the GPU process list (a
 * nvidia-smi run every 30 s on the fallback path), as the tray app does while its monitor window is open;
 * before, a browser monitor over serve showed "read only while the monitor window … uses it" forever.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RUNNING_FILE_NAME } from '../../electron/core/attach/running-announce';
import { SMI_PROCESSES_NOT_WATCHED } from '../../electron/core/hardware/smi/smi-reader';
import type { HardwareSample } from '../../shared/hardware/sample';
import { startRunningServe, type RunningServe } from '../support/running-serve';
import { ApiSocket } from '../support/server-harness';

let serve: RunningServe | null = null;
let socket: ApiSocket | null = null;
let home = '';
afterEach(async () => {
  socket?.close();
  await serve?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('loadout serve and the GPU process list', () => {
  it('reads the GPU processes while a window is connected', async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-serve-procs-'));
    serve = await startRunningServe(home, 'http://127.0.0.1:9');
    const { port } = JSON.parse(fs.readFileSync(path.join(home, RUNNING_FILE_NAME), 'utf8')) as { port: number };
    socket = await ApiSocket.connect(port);
    const open = socket;
    await expect
      .poll(
        async () => {
          const latest = (await open.call('hardware.latest')).result as HardwareSample | null;
          return latest?.gpus.length ? (latest.gpuProcessesUnavailableReason ?? 'listed') : 'no gpu yet';
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe('listed');
    const latest = (await open.call('hardware.latest')).result as HardwareSample;
    expect(latest.gpuProcessesUnavailableReason ?? null).not.toBe(SMI_PROCESSES_NOT_WATCHED);
    expect(Array.isArray(latest.gpuProcesses)).toBe(true);
  }, 60_000);
});
