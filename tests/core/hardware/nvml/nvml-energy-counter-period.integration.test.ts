/**
 * The energy counter is read every ENERGY_COUNTER_PERIOD_MS, not every sample (it costs ~4 ms of CPU on the
 * real H200 driver), against the stub libnvidia-ml, which counts the calls (tests/fakes/nvml/nvml-stub.c).
 * The reader's clock is injected, so the schedule is followed without waiting.
 */
import fs from 'node:fs';
import path from 'node:path';
import koffi from 'koffi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { energyCounterPeriodMs } from '../../../../electron/core/hardware/nvml/energy-counter-schedule';
import { openNvmlReader } from '../../../../electron/core/hardware/nvml/nvml-reader';
import { ENERGY_COUNTER_PERIOD_MS } from '../../../../shared/energy/counter-reads';
import { GpuSampleSchema } from '../../../../shared/hardware/sample';
import { buildNvmlStub, hasCompiler, readNvmlRows } from '../../../fakes/nvml/build-nvml-stub';

const compiler = hasCompiler();
if (!compiler) console.warn('SKIPPED: these NVML tests need a C compiler (`cc`) to build the stub library.');
const rows = readNvmlRows();
const T0 = Date.parse('2026-11-26T02:56:23.579Z');

describe.skipIf(!compiler)('the NVML energy counter, read once per counter period', () => {
  let lib: string;
  let setRow: (n: number) => void;
  /** The driver's energy calls made on this thread (the sync reads of `read()`). */
  let energyCalls: () => number;

  beforeAll(() => {
    lib = buildNvmlStub();
    const stub = koffi.load(lib);
    setRow = stub.func('void nvmlStubSetRow(int n)') as (n: number) => void;
    energyCalls = stub.func('unsigned int nvmlStubEnergyCallsHere(void)') as () => number;
  });
  afterAll(() => {
    if (lib) fs.rmSync(path.dirname(lib), { recursive: true, force: true });
  });

  it('calls the driver once per period at 1 Hz, and marks the samples between as not read', async () => {
    let t = T0;
    const reader = await openNvmlReader([lib], 'linux', () => t);
    try {
      const before = energyCalls();
      const counters: Array<number | null> = [];
      const notRead: Array<true | undefined> = [];
      for (let s = 0; s <= 10; s++) {
        t = T0 + s * 1000;
        setRow(s * 20); // one second (20 × 50 ms) further into the capture each sample
        const gpu = reader.read().gpus[0]!;
        expect(GpuSampleSchema.parse(gpu)).toEqual(gpu); // the marker is part of the sample's schema
        expect(gpu.powerW).toBe(rows[s * 20]!.powerMw / 1000); // live power every sample
        counters.push(gpu.energyCounterMJ);
        notRead.push(gpu.energyCounterNotRead);
      }
      // Samples 0, 5 and 10 read the counter, on both devices (device 1 answers NOT_SUPPORTED: null, read).
      expect(energyCalls() - before).toBe(3 * 2);
      expect(counters).toEqual(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => (s % 5 === 0 ? rows[s * 20]!.energyMj : null)),
      );
      expect(notRead).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => (s % 5 === 0 ? undefined : true)));
    } finally {
      await reader.close();
    }
  });

  it('reads a counter due within the slack of a jittering timer now, not a sample later', async () => {
    let t = T0;
    const reader = await openNvmlReader([lib], 'linux', () => t);
    try {
      reader.read();
      const before = energyCalls();
      t = T0 + ENERGY_COUNTER_PERIOD_MS - 300; // early by more than the slack: not yet
      expect(reader.read().gpus[0]!.energyCounterNotRead).toBe(true);
      t = T0 + ENERGY_COUNTER_PERIOD_MS - 200; // a timer 200 ms early: read now
      expect(reader.read().gpus[0]!.energyCounterNotRead).toBeUndefined();
      expect(energyCalls() - before).toBe(2);
      // A clock set back (NTP, a manual change) reads at once rather than waiting for it to catch up.
      t = T0;
      expect(reader.read().gpus[0]!.energyCounterNotRead).toBeUndefined();
    } finally {
      await reader.close();
    }
  });

  it('prefetches only the counters due: the samples between make no driver call on any thread', async () => {
    let t = T0;
    const reader = await openNvmlReader([lib], 'linux', () => t);
    const allCalls = koffi.load(lib).func('unsigned int nvmlStubEnergyCalls(void)') as () => number;
    try {
      setRow(0);
      await reader.prefetch();
      expect(reader.read().gpus[0]!.energyCounterMJ).toBe(rows[0]!.energyMj);
      const before = allCalls();
      for (let s = 1; s < 5; s++) {
        t = T0 + s * 1000;
        await reader.prefetch();
        expect(reader.read().gpus[0]!.energyCounterNotRead).toBe(true);
      }
      expect(allCalls() - before).toBe(0);
      t = T0 + 5000;
      setRow(100);
      await reader.prefetch();
      expect(allCalls() - before).toBe(2); // both devices, on koffi's worker
      expect(reader.read().gpus[0]!.energyCounterMJ).toBe(rows[100]!.energyMj);
      expect(allCalls() - before).toBe(2); // read() took the prefetched values
    } finally {
      await reader.close();
    }
  });

  it('takes another period from LOADOUT_ENERGY_COUNTER_PERIOD_MS (the bench reads every second as before)', async () => {
    expect(energyCounterPeriodMs({})).toBe(ENERGY_COUNTER_PERIOD_MS);
    expect(energyCounterPeriodMs({ LOADOUT_ENERGY_COUNTER_PERIOD_MS: '1000' })).toBe(1000);
    for (const bad of ['0', '-5', 'soon', '2.5'])
      expect(energyCounterPeriodMs({ LOADOUT_ENERGY_COUNTER_PERIOD_MS: bad })).toBe(ENERGY_COUNTER_PERIOD_MS);
    let t = T0;
    process.env.LOADOUT_ENERGY_COUNTER_PERIOD_MS = '1000';
    const reader = await openNvmlReader([lib], 'linux', () => t);
    delete process.env.LOADOUT_ENERGY_COUNTER_PERIOD_MS;
    try {
      const before = energyCalls();
      for (let s = 0; s < 4; s++) {
        t = T0 + s * 1000;
        expect(reader.read().gpus[0]!.energyCounterNotRead).toBeUndefined();
      }
      expect(energyCalls() - before).toBe(4 * 2);
    } finally {
      await reader.close();
    }
  });

  it("burns the calling thread's CPU with NVML_STUB_ENERGY_SPIN_US (the bench's real-driver cost), where the delay sleeps", async () => {
    const reader = await openNvmlReader([lib], 'linux', () => T0);
    process.env.NVML_STUB_ENERGY_SPIN_US = '30000';
    try {
      const cpu0 = process.cpuUsage();
      reader.read(); // the first read always reads the counter: 30 ms of CPU on device 0, by construction
      const cpu = process.cpuUsage(cpu0);
      expect((cpu.user + cpu.system) / 1000).toBeGreaterThanOrEqual(29);
    } finally {
      delete process.env.NVML_STUB_ENERGY_SPIN_US;
      await reader.close();
    }
  });
});
