/**
 * While something measures energy at fine grain (an answer, a benchmark run), the monitor has NVML read the
 * energy counter at every sample; otherwise every ENERGY_COUNTER_PERIOD_MS. Against the stub libnvidia-ml,
 * which counts the driver's energy calls (tests/fakes/nvml/nvml-stub.c).
 */
import fs from 'node:fs';
import path from 'node:path';
import koffi from 'koffi';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CpuMemoryReader } from '../../../../electron/core/hardware/cpu-memory-reader';
import type { GpuReader } from '../../../../electron/core/hardware/gpu-reader';
import { createHardwareMonitor } from '../../../../electron/core/hardware/hardware-monitor';
import { openNvmlReader } from '../../../../electron/core/hardware/nvml/nvml-reader';
import { NvmlWorkerReader } from '../../../../electron/core/hardware/nvml/nvml-worker-reader';
import type { HardwareSample } from '../../../../shared/hardware/sample';
import { buildNvmlStub, hasCompiler } from '../../../fakes/nvml/build-nvml-stub';

const compiler = hasCompiler();
if (!compiler) console.warn('SKIPPED: these NVML tests need a C compiler (`cc`) to build the stub library.');

const cpuMemory = () =>
  new CpuMemoryReader({
    cpus: () => [{ times: { user: 1, nice: 0, sys: 0, idle: 1, irq: 0 } }],
    totalmem: () => 100,
    freemem: () => 40,
  });

describe.skipIf(!compiler)('the energy counter read at every sample while energy is measured at fine grain', () => {
  let lib: string;
  let energyCallsHere: () => number;
  let energyCalls: () => number;

  beforeAll(() => {
    lib = buildNvmlStub();
    const stub = koffi.load(lib);
    energyCallsHere = stub.func('unsigned int nvmlStubEnergyCallsHere(void)') as () => number;
    energyCalls = stub.func('unsigned int nvmlStubEnergyCalls(void)') as () => number;
  });
  afterAll(() => {
    if (lib) fs.rmSync(path.dirname(lib), { recursive: true, force: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /**
   * One simulated minute at 1 Hz through the real monitor and NVML reader (on the loop, its reads synchronous,
   * so the fake clock drives it); `answers` are [start, end] seconds after the monitor starts. Returns the
   * seconds of the samples that read the counter, and the driver's energy calls (2 devices).
   */
  async function simulatedMinute(answers: Array<[number, number]>) {
    const nvml = await openNvmlReader([lib], 'linux', () => Date.now());
    const reader: GpuReader = {
      source: 'nvml',
      read: () => nvml.read(),
      setEnergyFineGrain: (wanted) => nvml.setEnergyFineGrain(wanted),
      inventory: () => nvml.inventory(),
      close: () => nvml.close(),
    };
    vi.useFakeTimers();
    const t0 = Date.now();
    const monitor = createHardwareMonitor({
      intervalMs: 1000,
      cpuMemory: cpuMemory(),
      now: () => Date.now(),
      openGpu: async () => ({ reader, fallbackReason: null, unavailableReason: null }),
    });
    const read: number[] = [];
    let samples = 0;
    monitor.subscribe((s) => {
      samples += 1;
      if (s.gpus[0]!.energyCounterNotRead === undefined) read.push((Date.parse(s.timestamp) - t0) / 1000);
    });
    const before = energyCallsHere();
    for (const [start, end] of answers) {
      setTimeout(() => {
        const release = monitor.holdEnergyFineGrain();
        setTimeout(release, (end - start) * 1000);
      }, start * 1000);
    }
    monitor.start();
    await vi.advanceTimersByTimeAsync(60_000);
    await monitor.stop();
    return { read, samples, calls: energyCallsHere() - before };
  }

  it('idle: once per period; with answers: every sample from the one after each start to the one after its end', async () => {
    const idle = await simulatedMinute([]);
    expect(idle.samples).toBe(60);
    expect(idle.read).toEqual([0.25, 5.25, 10.25, 15.25, 20.25, 25.25, 30.25, 35.25, 40.25, 45.25, 50.25, 55.25]);
    expect(idle.calls).toBe(12 * 2);

    // A 10-s answer from 10.6 s and a 2-s one from 40.6 s (a hold mid-second: the very next sample reads).
    const busy = await simulatedMinute([
      [10.6, 20.6],
      [40.6, 42.6],
    ]);
    expect(busy.samples).toBe(60);
    const every = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i + 0.25);
    expect(busy.read).toEqual([
      0.25,
      5.25,
      10.25,
      ...every(11, 21), // the answer, and the sample after its end that brackets it
      26.25, // then every period again, none between
      31.25,
      36.25,
      ...every(41, 43),
      48.25,
      53.25,
      58.25,
    ]);
    expect(busy.calls).toBe(23 * 2);
    console.info(
      `energy calls over a simulated minute at 1 Hz, 2 GPUs: idle ${idle.calls}, with 12 s of answers ${busy.calls}`,
    );
  });

  it('through the monitor on the worker: read at every sample while held, then every period after a bracketing sample', async () => {
    const monitor = createHardwareMonitor({ intervalMs: 100, cpuMemory: cpuMemory(), env: { LOADOUT_NVML: lib } });
    const samples: HardwareSample[] = [];
    const off = monitor.subscribe((s) => samples.push(s));
    const next = (n: number) =>
      new Promise<HardwareSample[]>((resolve) => {
        const from = samples.length;
        const stop = monitor.subscribe(() => {
          if (samples.length < from + n) return;
          stop();
          resolve(samples.slice(from, from + n));
        });
      });
    const counterRead = (s: HardwareSample) => s.gpus[0]!.energyCounterNotRead === undefined;
    monitor.start();
    try {
      await next(2);
      expect(monitor.gpuReader()?.constructor.name).toBe('NvmlWorkerReader');
      const release = monitor.holdEnergyFineGrain();
      const held = await next(4);
      // The first may have been read before the hold reached the worker; from the second on, every one.
      expect(held.slice(1).map(counterRead)).toEqual([true, true, true]);
      release();
      while (monitor.energyFineGrainWanted()) await next(1);
      // Settled by a sample read after the release, which read the counter; then none within the period.
      expect(counterRead(samples.at(-1)!)).toBe(true);
      expect((await next(3)).map(counterRead)).toEqual([false, false, false]);
    } finally {
      off();
      await monitor.stop();
    }
  });

  it("on NVML's worker: a hold reaches the read already waiting there, and a release goes back to the period", async () => {
    const reader = await NvmlWorkerReader.open([lib], 'linux');
    expect(reader).not.toBeNull();
    const w = reader!;
    try {
      const counterRead = () => w.read().gpus[0]!.energyCounterNotRead === undefined;
      await w.readAfter(0);
      expect(counterRead()).toBe(true); // the first reading always reads it
      const before = energyCalls();
      await w.readAfter(0);
      expect(counterRead()).toBe(false); // within the period: not read
      const waiting = w.readAfter(200); // asked ahead, as the monitor does after each sample
      w.setEnergyFineGrain(true); // an answer starts while that read waits on the worker's timer
      await waiting;
      expect(counterRead()).toBe(true);
      await w.readAfter(0);
      expect(counterRead()).toBe(true);
      w.setEnergyFineGrain(false);
      await w.readAfter(0);
      expect(counterRead()).toBe(false);
      expect(energyCalls() - before).toBe(2 * 2);
    } finally {
      await w.close();
    }
  });
});
