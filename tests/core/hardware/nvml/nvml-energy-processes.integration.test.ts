/**
 * NVML's slow energy counter read off the event loop (koffi async) and the per-process listing, against
 * the stub libnvidia-ml (tests/fakes/nvml/nvml-stub.c) built from the real H200 capture.
 */
import fs from 'node:fs';
import path from 'node:path';
import koffi from 'koffi';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openNvmlReader } from '../../../../electron/core/hardware/nvml/nvml-reader';
import { ENERGY_COUNTER_PERIOD_MS } from '../../../../shared/energy/counter-reads';
import { buildNvmlStub, hasCompiler, readNvmlRows } from '../../../fakes/nvml/build-nvml-stub';

const compiler = hasCompiler();
if (!compiler) console.warn('SKIPPED: these NVML tests need a C compiler (`cc`) to build the stub library.');
const rows = readNvmlRows();
const MIB = 1024 * 1024;

describe.skipIf(!compiler)('NVML energy off the event loop, and GPU processes', () => {
  let lib: string;
  let setRow: (n: number) => void;
  let energyCalls: () => number;
  /** The driver's energy calls made on this (the event loop's) thread, never the worker's. */
  let loopEnergyCalls: () => number;

  beforeAll(() => {
    lib = buildNvmlStub();
    const stub = koffi.load(lib);
    setRow = stub.func('void nvmlStubSetRow(int n)') as (n: number) => void;
    energyCalls = stub.func('unsigned int nvmlStubEnergyCalls(void)') as () => number;
    loopEnergyCalls = stub.func('unsigned int nvmlStubEnergyCallsHere(void)') as () => number;
  });
  afterAll(() => {
    if (lib) fs.rmSync(path.dirname(lib), { recursive: true, force: true });
  });
  afterEach(() => {
    for (const k of ['NVML_STUB_ENERGY_DELAY_US', 'NVML_STUB_PROCESS_COUNT', 'NVML_STUB_PROCESS_ERROR'])
      delete process.env[k];
  });

  it('the prefetched (async) energy counter equals the synchronous read, row by row', async () => {
    // Each read a counter period after the last, so each one reads the counter (energy-counter-schedule.ts).
    let t = 0;
    const reader = await openNvmlReader([lib], 'linux', () => (t += ENERGY_COUNTER_PERIOD_MS));
    try {
      for (const n of [3, 40, 120]) {
        setRow(n);
        const sync = reader.read().gpus.map((g) => g.energyCounterMJ);
        await reader.prefetch();
        const before = loopEnergyCalls();
        const prefetched = reader.read().gpus.map((g) => g.energyCounterMJ);
        expect(loopEnergyCalls() - before).toBe(0); // read() used the worker's values, no call on the loop
        expect(prefetched).toEqual(sync);
        expect(prefetched).toEqual([rows[n]!.energyMj, null]); // device 1: NOT_SUPPORTED → null
      }
      // Consumed once: the next read without a prefetch asks the driver again.
      const before = loopEnergyCalls();
      reader.read();
      expect(loopEnergyCalls() - before).toBe(2);
    } finally {
      await reader.close();
    }
  });

  it('the event loop keeps turning while the driver takes its time over the counter', async () => {
    process.env.NVML_STUB_ENERGY_DELAY_US = '100000'; // 100 ms per call, far slower than the real ~4 ms
    const reader = await openNvmlReader([lib], 'linux');
    try {
      setRow(60);
      const order: string[] = [];
      const prefetch = reader.prefetch().then(() => order.push('energy read'));
      await new Promise<void>((resolve) => setImmediate(resolve));
      order.push('loop turned');
      await prefetch;
      expect(order).toEqual(['loop turned', 'energy read']);
      expect(reader.read().gpus[0]?.energyCounterMJ).toBe(rows[60]!.energyMj);
    } finally {
      await reader.close();
    }
  });

  it('a counter read still on the worker past the cap gives null, never a wait on the loop', async () => {
    process.env.NVML_STUB_ENERGY_DELAY_US = '300000';
    const reader = await openNvmlReader([lib], 'linux');
    try {
      setRow(10);
      const started = energyCalls();
      const pending = reader.prefetch();
      // Wait until the worker is inside the driver call, so the read below overlaps it.
      while (energyCalls() === started) await new Promise((resolve) => setTimeout(resolve, 1));
      // Only this thread's calls count: the worker's next device may enter the driver at any moment.
      const before = loopEnergyCalls();
      // The read is still on the worker: read() neither blocks on it nor calls the driver again.
      expect(reader.read().gpus[0]?.energyCounterMJ).toBeNull();
      expect(loopEnergyCalls() - before).toBe(0);
      await pending;
      expect(reader.read().gpus[0]?.energyCounterMJ).toBe(rows[10]!.energyMj);
    } finally {
      await reader.close();
    }
  });

  it('lists more processes than the first buffer holds by growing it', async () => {
    process.env.NVML_STUB_PROCESS_COUNT = '100'; // the reader starts with room for 64
    const reader = await openNvmlReader([lib], 'linux');
    try {
      const { processes, processesUnavailableReason } = reader.read();
      expect(processesUnavailableReason).toBeNull();
      expect(processes).toHaveLength(100);
      expect(processes?.[99]).toEqual({
        pid: 910,
        name: null, // the stub names pid 811 only
        gpuUuid: 'GPU-77396041-f2f3-df73-cd5b-873de9c35c72',
        usedMemoryBytes: (6854 + 99) * MIB,
      });
    } finally {
      await reader.close();
    }
  });

  it('an NVML error in the listing says which call failed and with what, and the GPUs still read', async () => {
    process.env.NVML_STUB_PROCESS_ERROR = '4'; // NVML_ERROR_NO_PERMISSION
    const reader = await openNvmlReader([lib], 'linux');
    try {
      const reading = reader.read();
      expect(reading.processes).toBeNull();
      expect(reading.processesUnavailableReason).toMatch(
        /nvmlDeviceGetComputeRunningProcesses_v3: error 4 \(Insufficient Permissions\)/,
      );
      expect(reading.gpus[0]?.powerW).not.toBeNull();
    } finally {
      await reader.close();
    }
  });
});
