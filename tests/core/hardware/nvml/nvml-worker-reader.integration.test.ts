/**
 * NVML on its worker thread (nvml-worker-reader.ts) against the stub libnvidia-ml: a sample's driver calls
 * run beside the event loop, never on it, and a driver that hangs costs the sample its GPU values only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import koffi from 'koffi';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HardwareSample } from '../../../../shared/hardware/sample';
import { createHardwareMonitor } from '../../../../electron/core/hardware/hardware-monitor';
import { openGpuReader } from '../../../../electron/core/hardware/open-gpu-reader';
import { openNvmlReader } from '../../../../electron/core/hardware/nvml/nvml-reader';
import { findNvmlWorker, NvmlWorkerReader } from '../../../../electron/core/hardware/nvml/nvml-worker-reader';
import { buildNvmlStub, hasCompiler, readNvmlRows } from '../../../fakes/nvml/build-nvml-stub';

const compiler = hasCompiler();
if (!compiler) console.warn('SKIPPED: these NVML tests need a C compiler (`cc`) to build the stub library.');
const rows = readNvmlRows();

describe('findNvmlWorker', () => {
  const has = (files: string[]) => (file: string) => files.includes(file);
  it('finds the built worker beside the module, above a chunk folder, or the source under tsx', () => {
    expect(findNvmlWorker('/app/out/main', has(['/app/out/main/nvml-worker.js']))).toBe('/app/out/main/nvml-worker.js');
    expect(findNvmlWorker('/app/out/cli/chunks', has(['/app/out/cli/nvml-worker.mjs']))).toBe(
      '/app/out/cli/nvml-worker.mjs',
    );
    expect(findNvmlWorker('/src/nvml', has(['/src/nvml/nvml-worker.ts']))).toBe('/src/nvml/nvml-worker.ts');
    expect(findNvmlWorker('/exe', has([]))).toBeNull();
  });
});

describe('a worker that goes away after it opened: the reading says why as data, and the reader is lost', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-nvml-worker-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  /** A worker file that opens (one GPU), then runs `then`. */
  const worker = (name: string, then: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(
      file,
      "import { parentPort } from 'node:worker_threads';\n" +
        "parentPort.postMessage({ type: 'opened', deviceCount: 1 });\n" +
        then,
    );
    return file;
  };
  /** Read until the reader reports itself lost (the worker's exit or error is an event away). */
  const readLost = async (reader: NvmlWorkerReader) => {
    let reading = reader.read();
    // Up to 30 s: on a loaded CI machine a worker's exit can take seconds to be reported.
    for (let i = 0; i < 3000 && !reading.lost; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      reading = reader.read();
    }
    return reading;
  };

  it('one that stops, one that fails, before its first reading, and after close', async () => {
    const stopping = await NvmlWorkerReader.open(['x'], 'linux', Date.now, worker('stops.mjs', 'process.exit(0);\n'));
    const stopped = await readLost(stopping!);
    expect(stopped).toMatchObject({
      unavailable: { kind: 'nvml-worker-lost', detail: null },
      unavailableReason: 'The NVML worker thread stopped.',
      lost: 'The NVML worker thread stopped.',
      processesUnavailableReason: 'The NVML worker thread stopped.',
    });
    await stopping!.close();

    const failing = await NvmlWorkerReader.open(
      ['x'],
      'linux',
      Date.now,
      worker('fails.mjs', "setTimeout(() => { throw new Error('koffi crashed'); }, 50);\n"),
    );
    // Opened and not asked yet: no reading, said as data too.
    expect(failing!.read()).toMatchObject({
      unavailable: { kind: 'nvml-not-read-yet' },
      unavailableReason: 'NVML has not been read yet.',
    });
    expect(failing!.read().lost).toBeUndefined();
    const failed = await readLost(failing!);
    expect(failed.unavailable).toEqual({ kind: 'nvml-worker-lost', detail: 'koffi crashed' });
    expect(failed.lost).toBe('The NVML worker thread failed (koffi crashed).');
    await failing!.close();

    const open = await NvmlWorkerReader.open(
      ['x'],
      'linux',
      Date.now,
      worker('waits.mjs', 'setInterval(() => {}, 1000);\n'),
    );
    await open!.close();
    expect(open!.read()).toMatchObject({
      unavailable: { kind: 'nvml-closed' },
      unavailableReason: 'NVML was closed.',
      processesUnavailableReason: null,
    });
  });
});

describe.skipIf(!compiler)('NVML on a worker thread', () => {
  let lib: string;
  let setRow: (n: number) => void;
  let callsInside: () => number;

  beforeAll(() => {
    lib = buildNvmlStub();
    const stub = koffi.load(lib);
    setRow = stub.func('void nvmlStubSetRow(int n)') as (n: number) => void;
    callsInside = stub.func('int nvmlStubCallsInside(void)') as () => number;
  });
  afterAll(() => {
    if (lib) fs.rmSync(path.dirname(lib), { recursive: true, force: true });
  });
  afterEach(() => {
    for (const k of ['NVML_STUB_CALL_DELAY_US', 'NVML_STUB_ENERGY_DELAY_US']) delete process.env[k];
  });

  it('the monitor reads NVML on the worker, with the same values as a read on the loop', async () => {
    const env = { ...process.env, LOADOUT_NVML: lib };
    const choice = await openGpuReader({ env, intervalMs: 1000, platform: 'linux' });
    const onLoop = await openNvmlReader([lib], 'linux');
    try {
      expect(choice.reader).toBeInstanceOf(NvmlWorkerReader);
      const reader = choice.reader as NvmlWorkerReader;
      setRow(70);
      await reader.readAfter(0);
      const { gpus, processes, processesUnavailableReason } = reader.read();
      const expected = onLoop.read();
      expect(gpus.map(({ sampledAt: _, ...g }) => g)).toEqual(expected.gpus.map(({ sampledAt: _, ...g }) => g));
      expect(gpus[0]?.energyCounterMJ).toBe(rows[70]!.energyMj);
      expect(processes).toEqual(expected.processes);
      expect(processesUnavailableReason).toBe(expected.processesUnavailableReason);
      expect(await reader.inventory()).toEqual(await onLoop.inventory());
    } finally {
      await choice.reader?.close();
      await onLoop.close();
    }
  });

  it('the loop keeps turning while every driver call of a sample takes its time', async () => {
    process.env.NVML_STUB_CALL_DELAY_US = '5000'; // 5 ms per call: a read is ~30 calls, 150 ms, within the cap
    const monitor = createHardwareMonitor({ intervalMs: 100, env: { ...process.env, LOADOUT_NVML: lib } });
    let seenInside = 0;
    // Sampled from the event loop: a call in the driver can be seen here only if it is not on this thread.
    const poll = setInterval(() => (seenInside = Math.max(seenInside, callsInside())), 2);
    try {
      const sample = await new Promise<HardwareSample>((resolve) => {
        monitor.subscribe(resolve);
        monitor.start();
      });
      expect(sample.gpuSource).toBe('nvml');
      expect(sample.gpus[0]?.name).toBe('NVIDIA H200');
      expect(seenInside).toBeGreaterThan(0);
    } finally {
      clearInterval(poll);
      await monitor.stop();
    }
  });

  it('a worker that cannot start here leaves NVML to the loop: open resolves null, the source is still NVML', async () => {
    const broken = path.join(path.dirname(lib), 'broken-worker.mjs');
    fs.writeFileSync(broken, "throw new Error('this build cannot run the worker');\n");
    expect(await NvmlWorkerReader.open([lib], 'linux', Date.now, broken)).toBeNull();
    expect(await NvmlWorkerReader.open([lib], 'linux', Date.now, path.join(path.dirname(lib), 'none.mjs'))).toBeNull();
    // LOADOUT_NVML_WORKER names the worker file to run (the telemetry bench runs a built one).
    const named = await openGpuReader({
      env: { ...process.env, LOADOUT_NVML: lib, LOADOUT_NVML_WORKER: broken },
      intervalMs: 1000,
      platform: 'linux',
    });
    try {
      expect(named.reader?.source).toBe('nvml');
      expect(named.reader).not.toBeInstanceOf(NvmlWorkerReader);
    } finally {
      await named.reader?.close();
    }
    const offEnv = { ...process.env, LOADOUT_NVML: lib, LOADOUT_NVML_WORKER: 'off' };
    const choice = await openGpuReader({ env: offEnv, intervalMs: 1000, platform: 'linux' });
    try {
      expect(choice.reader?.source).toBe('nvml');
      expect(choice.reader).not.toBeInstanceOf(NvmlWorkerReader);
    } finally {
      await choice.reader?.close();
    }
  });

  it('a monitor for one reading (nvmlOnLoop) opens NVML on the loop, the 1-Hz monitor on the worker', async () => {
    const env = { ...process.env, LOADOUT_NVML: lib };
    for (const [nvmlOnLoop, onWorker] of [
      [true, false],
      [false, true],
    ] as const) {
      const monitor = createHardwareMonitor({ intervalMs: 100, env, nvmlOnLoop });
      try {
        const sample = await new Promise<HardwareSample>((resolve) => {
          monitor.subscribe(resolve);
          monitor.start();
        });
        expect(sample.gpus[0]?.name).toBe('NVIDIA H200');
        expect(monitor.gpuReader() instanceof NvmlWorkerReader).toBe(onWorker);
      } finally {
        await monitor.stop();
      }
    }
  });

  it('NVML that fails only on the worker (koffi cannot load there) is opened on the loop instead', async () => {
    const failing = path.join(path.dirname(lib), 'failing-worker.mjs');
    fs.writeFileSync(
      failing,
      "import { parentPort } from 'node:worker_threads';\n" +
        "parentPort.postMessage({ type: 'failed', message: 'koffi could not load in this worker', libraryLoaded: false });\n",
    );
    const choice = await openGpuReader({
      env: { ...process.env, LOADOUT_NVML: lib, LOADOUT_NVML_WORKER: failing, LOADOUT_NVIDIA_SMI: '/nonexistent' },
      intervalMs: 1000,
      platform: 'linux',
    });
    try {
      expect(choice.reader?.source).toBe('nvml');
      expect(choice.fallbackReason).toBeNull();
    } finally {
      await choice.reader?.close();
    }
  });

  it('a library that does not open fails the same way on the worker as on the loop', async () => {
    const missing = path.join(path.dirname(lib), 'missing.so');
    await expect(NvmlWorkerReader.open([missing], 'linux')).rejects.toThrow(/could not be loaded/);
  });

  it('asked with a pace, the worker reads on that grid by itself: a sample on schedule posts no request', async () => {
    const reader = await NvmlWorkerReader.open([lib], 'linux');
    const posted = vi.spyOn(Worker.prototype, 'postMessage');
    const reads = () => posted.mock.calls.filter(([m]) => (m as { type: string }).type === 'read').length;
    try {
      const seen = new Set<string>();
      const take = () => {
        const reading = reader!.read();
        expect(reading.gpus[0]?.name).toBe('NVIDIA H200');
        seen.add(reading.gpus[0]!.sampledAt!);
      };
      // As the monitor asks: each sample due one period after the last one's due time.
      let dueAt = Date.now() + 400;
      const next = (everyMs: number) => {
        const delay = Math.max(0, dueAt - Date.now());
        dueAt += everyMs;
        return reader!.readAfter(delay, everyMs);
      };
      await next(400);
      take();
      for (let i = 0; i < 3; i++) {
        await next(400);
        take();
      }
      expect(reads()).toBe(1); // the first request stood for all four readings
      expect(seen.size).toBe(4); // each one fresh

      // A sample that runs late takes the reading the worker already sent, at once and without asking.
      await new Promise((resolve) => setTimeout(resolve, dueAt - Date.now() + 60));
      await next(400);
      take();
      expect(reads()).toBe(1);
      expect(seen.size).toBe(5);

      // A changed wish or pace asks afresh, and the new request stands in turn.
      reader!.setProcessesWanted(true);
      await next(400);
      take();
      expect(reads()).toBe(2);
      await next(500);
      take();
      await next(500);
      take();
      expect(reads()).toBe(3);
      expect(seen.size).toBe(8);
    } finally {
      posted.mockRestore();
      await reader?.close();
    }
  });

  it('a driver that hangs: the sample goes on without GPU values and says why, and values resume', async () => {
    const reader = await NvmlWorkerReader.open([lib], 'linux');
    expect(reader).not.toBeNull();
    try {
      process.env.NVML_STUB_CALL_DELAY_US = '1500000'; // 1.5 s per call: far past the 500-ms cap
      let turns = 0;
      const spin = setInterval(() => turns++, 5);
      await reader!.readAfter(0);
      clearInterval(spin);
      const hung = reader!.read();
      expect(hung.gpus).toEqual([]);
      expect(hung.unavailableReason).toMatch(/has not answered NVML for [\d.]+ s; GPU values resume when it does/);
      expect(hung.unavailable).toEqual({ kind: 'nvml-overdue', seconds: expect.any(Number) });
      expect(hung.lost).toBeUndefined(); // not gone: the monitor keeps the reader and waits
      expect(turns).toBeGreaterThan(0); // the loop turned while the driver hung
      delete process.env.NVML_STUB_CALL_DELAY_US; // the driver answers again (its current call still ends)
      // While the worker is still inside the old call, a new reading waits for it rather than piling up.
      let reading = reader!.read();
      for (let i = 0; i < 20 && reading.gpus.length === 0; i++) {
        await reader!.readAfter(0);
        reading = reader!.read();
      }
      expect(reading.gpus[0]?.name).toBe('NVIDIA H200');
    } finally {
      await reader?.close();
    }
  });
});
