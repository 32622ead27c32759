import { describe, expect, it } from 'vitest';
import type { GpuSample } from '../../../shared/hardware/sample';
import { HardwareSampleSchema } from '../../../shared/hardware/sample';
import { CpuMemoryReader } from '../../../electron/core/hardware/cpu-memory-reader';
import type { GpuReader } from '../../../electron/core/hardware/gpu-reader';
import { createHardwareMonitor } from '../../../electron/core/hardware/hardware-monitor';

const gpu = (powerW: number): GpuSample => ({
  index: 0,
  name: 'NVIDIA H200',
  uuid: 'GPU-1',
  utilizationPercent: 0,
  memoryUtilizationPercent: 0,
  memoryUsedBytes: 0,
  memoryTotalBytes: 1,
  temperatureC: 37,
  powerW,
  powerLimitW: 700,
  energyCounterMJ: null,
  clockSmMHz: 345,
  clockMemMHz: 3201,
  fanPercent: null,
  pstate: 'P0',
  sampledAt: null,
});

/** A GPU reader whose reads are counted and can be made slow, to catch overlapping samples. */
function countingReader() {
  let reads = 0;
  let inRead = false;
  let overlapped = false;
  let closed = false;
  const reader: GpuReader = {
    source: 'nvidia-smi',
    read() {
      if (inRead) overlapped = true;
      inRead = true;
      reads++;
      const until = Date.now() + 60; // slower than the 50 ms interval
      while (Date.now() < until) {
        /* busy: a slow source */
      }
      inRead = false;
      return {
        gpus: [gpu(100 + reads)],
        unavailableReason: null,
        processes: null,
        processesUnavailableReason: 'none in test',
        processesUnavailableKind: 'not-watched',
      };
    },
    inventory: async () => [],
    async close() {
      closed = true;
    },
  };
  return { reader, stats: () => ({ reads, overlapped, closed }) };
}

const cpuMemory = () =>
  new CpuMemoryReader({
    cpus: () => [{ times: { user: 1, nice: 0, sys: 0, idle: 1, irq: 0 } }],
    totalmem: () => 100,
    freemem: () => 40,
  });

describe('createHardwareMonitor', () => {
  it('publishes valid samples to subscribers without overlap, keeps history, and closes the source on stop', async () => {
    const { reader, stats } = countingReader();
    const failures: string[] = [];
    const onListenerError = (error: unknown, event: string) => failures.push(`${event}: ${(error as Error).message}`);
    const monitor = createHardwareMonitor({
      intervalMs: 50,
      historyMs: 250,
      cpuMemory: cpuMemory(),
      openGpu: async () => ({ reader, fallbackReason: 'NVML is turned off', unavailableReason: null }),
      onListenerError,
    });
    const seen: number[] = [];
    const unsubscribe = monitor.subscribe((s) => seen.push(s.gpus[0]?.powerW ?? -1));
    monitor.subscribe(() => {
      throw new Error('a failing subscriber must not stop the others');
    });
    monitor.start();
    monitor.start();
    await new Promise((r) => setTimeout(r, 900));
    unsubscribe();
    await monitor.stop();
    const after = stats().reads;
    await new Promise((r) => setTimeout(r, 100));
    expect(stats().reads).toBe(after);
    expect(stats().overlapped).toBe(false);
    expect(stats().closed).toBe(true);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen).toEqual(seen.map((_, i) => 101 + i));
    // The failing subscriber is reported at each sample, not swallowed.
    expect(failures).toEqual(seen.map(() => 'sample: a failing subscriber must not stop the others'));
    const latest = monitor.latest()!;
    expect(HardwareSampleSchema.parse(latest)).toBeTruthy();
    expect(latest.gpuSource).toBe('nvidia-smi');
    expect(latest.gpuFallbackReason).toBe('NVML is turned off');
    expect(latest.gpuProcessesUnavailableKind).toBe('not-watched'); // the reader's gap, for the window to word
    expect(latest.memory).toEqual({ totalBytes: 100, usedBytes: 60, availableBytes: 40 });
    expect(monitor.history().length).toBe(5); // 250 ms of history at 50 ms
    expect(monitor.history(Date.parse(latest.timestamp))).toHaveLength(1);
  });

  it('keeps CPU and RAM going with gpuSource none and the reason when there is no GPU', async () => {
    const monitor = createHardwareMonitor({
      intervalMs: 50,
      cpuMemory: cpuMemory(),
      openGpu: async () => ({
        reader: null,
        fallbackReason: null,
        unavailableReason: 'No GPU data. nvidia-smi was not found.',
        unavailable: { kind: 'no-driver', nvml: 'NVML is turned off.', smi: 'nvidia-smi was not found.' },
      }),
    });
    const sample = await new Promise<import('../../../shared/hardware/sample').HardwareSample>((resolve) => {
      monitor.subscribe(resolve);
      monitor.start();
    });
    await monitor.stop();
    expect(sample.gpuSource).toBe('none');
    expect(sample.gpus).toEqual([]);
    expect(sample.gpuUnavailableReason).toContain('nvidia-smi was not found');
    expect(sample.gpuProcessesUnavailableKind).toBe('no-source');
    expect(sample.gpuUnavailable).toEqual({
      kind: 'no-driver',
      nvml: 'NVML is turned off.',
      smi: 'nvidia-smi was not found.',
    });
    expect(sample.memory.totalBytes).toBe(100);
  });

  it('closes a source that finishes opening after stop', async () => {
    const { reader, stats } = countingReader();
    let release!: () => void;
    const monitor = createHardwareMonitor({
      intervalMs: 20,
      cpuMemory: cpuMemory(),
      openGpu: () => new Promise((r) => (release = () => r({ reader, fallbackReason: null, unavailableReason: null }))),
    });
    monitor.start();
    const stopping = monitor.stop();
    release();
    await stopping;
    expect(stats()).toMatchObject({ reads: 0, closed: true });
  });
});

describe('GPU process list watchers', () => {
  it('tells the reader it is wanted while something watches, and prefetches before each read', async () => {
    const wanted: boolean[] = [];
    const events: string[] = [];
    const reader: GpuReader = {
      source: 'nvidia-smi',
      read() {
        events.push('read');
        return { gpus: [gpu(100)], unavailableReason: null, processes: null, processesUnavailableReason: 'x' };
      },
      async prefetch() {
        events.push('prefetch');
      },
      setProcessesWanted: (w) => void (wanted.at(-1) === w ? undefined : wanted.push(w)),
      inventory: async () => [],
      close: async () => undefined,
    };
    const monitor = createHardwareMonitor({
      intervalMs: 50,
      cpuMemory: cpuMemory(),
      openGpu: async () => ({ reader, fallbackReason: null, unavailableReason: null }),
    });
    const firstSample = new Promise<void>((resolve) => monitor.subscribe(() => resolve()));
    monitor.start();
    await firstSample;
    expect(wanted).toEqual([false]); // nothing shows processes: nvidia-smi is not asked to list them
    const releaseWindow = monitor.watchGpuProcesses();
    const releaseGaming = monitor.watchGpuProcesses();
    expect(wanted).toEqual([false, true]);
    releaseWindow();
    releaseWindow(); // a second release of the same watcher changes nothing
    monitor.readNow();
    expect(wanted).toEqual([false, true]); // gaming still watches
    releaseGaming();
    expect(wanted).toEqual([false, true, false]);
    await monitor.stop();
    expect(events.slice(0, 2)).toEqual(['prefetch', 'read']);
  });
});
