/** The sampler's pace: gaming mode slows it while a game holds the GPU, and puts it back after. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CpuMemoryReader } from '../../../electron/core/hardware/cpu-memory-reader';
import type { GpuReader } from '../../../electron/core/hardware/gpu-reader';
import { createHardwareMonitor } from '../../../electron/core/hardware/hardware-monitor';

const cpuMemory = () =>
  new CpuMemoryReader({
    cpus: () => [{ times: { user: 1, nice: 0, sys: 0, idle: 1, irq: 0 } }],
    totalmem: () => 100,
    freemem: () => 40,
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('HardwareMonitor.setPace', () => {
  it('samples every 10 s while slowed and every second again after', async () => {
    vi.useFakeTimers();
    const monitor = createHardwareMonitor({
      intervalMs: 1000,
      cpuMemory: cpuMemory(),
      now: () => Date.now(),
      openGpu: async () => ({ reader: null, fallbackReason: null, unavailableReason: 'No GPU in this test.' }),
    });
    let samples = 0;
    monitor.subscribe(() => samples++);
    monitor.start();
    await vi.advanceTimersByTimeAsync(10_250);
    expect(samples).toBe(11);

    monitor.setPace(10_000);
    samples = 0;
    await vi.advanceTimersByTimeAsync(60_000);
    // The tick already scheduled at 1 s runs, then one every 10 s.
    expect(samples).toBe(6);

    monitor.setPace(null);
    await vi.advanceTimersByTimeAsync(10_000);
    samples = 0;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(samples).toBe(10);
    await monitor.stop();
  });

  it('never samples faster than the configured interval', async () => {
    vi.useFakeTimers();
    const monitor = createHardwareMonitor({
      intervalMs: 1000,
      cpuMemory: cpuMemory(),
      now: () => Date.now(),
      openGpu: async () => ({ reader: null, fallbackReason: null, unavailableReason: 'No GPU in this test.' }),
    });
    let samples = 0;
    monitor.subscribe(() => samples++);
    monitor.setPace(10);
    monitor.start();
    await vi.advanceTimersByTimeAsync(5_250);
    expect(samples).toBe(6);
    await monitor.stop();
  });

  it('tells a reader that reads ahead (NVML on its worker) the pace, so it can keep reading on that grid', async () => {
    vi.useFakeTimers();
    const asked: [number, number | undefined][] = [];
    const reader: GpuReader = {
      source: 'nvml',
      read: () => ({ gpus: [], unavailableReason: null, processes: null, processesUnavailableReason: null }),
      readAfter: (delayMs, everyMs) => {
        asked.push([delayMs, everyMs]);
        return new Promise((resolve) => setTimeout(resolve, delayMs));
      },
      inventory: async () => [],
      close: async () => undefined,
    };
    const monitor = createHardwareMonitor({
      intervalMs: 1000,
      cpuMemory: cpuMemory(),
      now: () => Date.now(),
      openGpu: async () => ({ reader, fallbackReason: null, unavailableReason: null }),
    });
    monitor.start();
    await vi.advanceTimersByTimeAsync(3_500);
    monitor.setPace(10_000);
    await vi.advanceTimersByTimeAsync(21_000);
    await monitor.stop();
    expect(asked.slice(0, 3)).toEqual([
      [1000, 1000],
      [1000, 1000],
      [1000, 1000],
    ]);
    expect(asked.at(-1)).toEqual([10_000, 10_000]);
  });
});
