/**
 * The first sample's CPU window: a one-shot command opens it as it starts (keepCpuWindow), so the window runs
 * beside the imports and the GPU open instead of after them. Fake timers and clock: the order and the
 * waits are checked, not how long anything takes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HardwareSample } from '../../../shared/hardware/sample';
import { CpuMemoryReader } from '../../../electron/core/hardware/cpu-memory-reader';
import { createHardwareMonitor } from '../../../electron/core/hardware/hardware-monitor';
import type { GpuReaderChoice } from '../../../electron/core/hardware/open-gpu-reader';

const NO_GPU: GpuReaderChoice = { reader: null, fallbackReason: null, unavailableReason: 'No GPU data.' };

function setup(openMs = 0) {
  const events: string[] = [];
  let ticks = 0;
  const reader = new CpuMemoryReader(
    {
      cpus: () => {
        events.push(`cpus at ${Date.now()}`);
        ticks += 100;
        return [{ times: { user: ticks / 2, nice: 0, sys: 0, idle: ticks / 2, irq: 0 } }];
      },
      totalmem: () => 100,
      freemem: () => 40,
    },
    'linux',
  );
  const openGpu = () => {
    events.push(`open GPU at ${Date.now()}`);
    if (!openMs) return Promise.resolve(NO_GPU);
    return new Promise<GpuReaderChoice>((resolve) => setTimeout(() => resolve(NO_GPU), openMs));
  };
  const samples: HardwareSample[] = [];
  return { events, reader, openGpu, samples };
}

describe('the first CPU window', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it('kept: opens with the reader, before the GPU open, and the first sample comes when it has run its length', async () => {
    const { events, reader, openGpu, samples } = setup();
    await vi.advanceTimersByTimeAsync(150); // the command's imports
    const monitor = createHardwareMonitor({ cpuMemory: reader, keepCpuWindow: true, firstCpuWindowMs: 200, openGpu });
    monitor.subscribe((s) => samples.push(s));
    monitor.start();
    await vi.advanceTimersByTimeAsync(49);
    expect(samples).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(samples).toHaveLength(1);
    expect(events).toEqual(['cpus at 0', 'open GPU at 150', 'cpus at 200']);
    expect(reader.lastWindowMs).toBe(200);
    expect(samples[0]!.cpu.loadPercent).toBe(50);
    await monitor.stop();
  });

  it('kept: a GPU open slower than the window is waited for, and no longer', async () => {
    const { events, reader, openGpu, samples } = setup(300);
    const monitor = createHardwareMonitor({ cpuMemory: reader, keepCpuWindow: true, firstCpuWindowMs: 200, openGpu });
    monitor.subscribe((s) => samples.push(s));
    monitor.start();
    await vi.advanceTimersByTimeAsync(299);
    expect(samples).toHaveLength(0);
    // The window has run its 200 ms by then: the sample follows at once (a 0-ms timer, which runs 1 ms on).
    await vi.advanceTimersByTimeAsync(2);
    expect(samples).toHaveLength(1);
    expect(events).toEqual(['cpus at 0', 'open GPU at 0', 'cpus at 301']);
    await monitor.stop();
  });

  it('not kept (the app, serve): start opens a fresh 250-ms window, and a restart does too', async () => {
    const { events, reader, openGpu, samples } = setup();
    await vi.advanceTimersByTimeAsync(150);
    const monitor = createHardwareMonitor({ cpuMemory: reader, openGpu });
    monitor.subscribe((s) => samples.push(s));
    monitor.start();
    await vi.advanceTimersByTimeAsync(250);
    expect(events).toEqual(['cpus at 0', 'cpus at 150', 'open GPU at 150', 'cpus at 400']);
    await monitor.stop();
    const kept = setup();
    const again = createHardwareMonitor({ cpuMemory: kept.reader, keepCpuWindow: true, openGpu: kept.openGpu });
    again.start();
    await again.stop();
    again.start(); // the kept window served the first start; this one opens its own
    expect(kept.events.filter((e) => e.startsWith('cpus'))).toHaveLength(2);
    await again.stop();
  });
});
