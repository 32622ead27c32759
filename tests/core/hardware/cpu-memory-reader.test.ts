import { describe, expect, it } from 'vitest';
import { CpuMemoryReader, type CpuMemorySource } from '../../../electron/core/hardware/cpu-memory-reader';

function source(ticks: Array<Array<[number, number]>>): CpuMemorySource {
  let call = 0;
  return {
    cpus: () =>
      (ticks[Math.min(call++, ticks.length - 1)] ?? []).map(([busy, idle]) => ({
        times: { user: busy, nice: 0, sys: 0, idle, irq: 0 },
      })),
    totalmem: () => 32 * 1024 ** 3,
    freemem: () => 24 * 1024 ** 3,
  };
}

describe('CpuMemoryReader', () => {
  it('computes total and per-core load from tick deltas', () => {
    const reader = new CpuMemoryReader(
      source([
        [
          [100, 900],
          [500, 500],
        ],
        [
          [150, 1850],
          [1500, 500],
        ],
      ]),
    );
    const { cpu, memory } = reader.read();
    // core 0: 50 busy of 1000 → 5 %; core 1: 1000 of 1000 → 100 %; total 1050 of 2000.
    expect(cpu.perCore).toEqual([5, 100]);
    expect(cpu.loadPercent).toBe(52.5);
    expect(memory).toEqual({ totalBytes: 32 * 1024 ** 3, usedBytes: 8 * 1024 ** 3, availableBytes: 24 * 1024 ** 3 });
  });

  it('says null, not 0, when no time has passed', () => {
    const reader = new CpuMemoryReader(source([[[100, 900]], [[100, 900]]]));
    expect(reader.read().cpu.loadPercent).toBeNull();
  });

  it('leaves irq out of the total on Windows, where kernel time already holds it', () => {
    // One core: 200 user, 200 sys (kernel − idle, interrupts inside), 600 idle, 100 irq of that kernel time.
    const ticks = (n: number) => [{ times: { user: 200 * n, nice: 0, sys: 200 * n, idle: 600 * n, irq: 100 * n } }];
    const make = (platform: NodeJS.Platform) => {
      let call = 0;
      return new CpuMemoryReader({ cpus: () => ticks(++call), totalmem: () => 1, freemem: () => 1 }, platform);
    };
    expect(make('win32').read().cpu.loadPercent).toBe(40);
    expect(make('linux').read().cpu.loadPercent).toBe(45.5);
  });
});
