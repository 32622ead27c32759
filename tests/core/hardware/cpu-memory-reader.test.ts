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

describe('CpuMemoryReader window', () => {
  /** One core: `busy` and `idle` ms so far, at each call of cpus(). */
  const oneCore = (calls: Array<[number, number]>) => {
    let call = 0;
    return {
      cpus: () => {
        const [busy, idle] = calls[Math.min(call++, calls.length - 1)]!;
        return [{ times: { user: busy, nice: 0, sys: 0, idle, irq: 0 } }];
      },
      totalmem: () => 1,
      freemem: () => 1,
    };
  };

  it("leaves this process's own CPU time out of the figure, per core in proportion", () => {
    // Two cores over 200 ms: 100 + 50 ms busy, of which 60 ms were this process (the command's own start).
    let own = 1000;
    const ticks = [
      [
        [0, 0],
        [0, 0],
      ],
      [
        [100, 100],
        [50, 150],
      ],
    ] as Array<Array<[number, number]>>;
    const reader = new CpuMemoryReader(source(ticks), 'linux', { ownCpuMs: () => own });
    own += 60;
    const { cpu } = reader.read();
    // 150 − 60 = 90 busy of 400 → 22.5 %; each core keeps 90/150 of its busy time: 30 % and 15 %.
    expect(cpu.loadPercent).toBe(22.5);
    expect(cpu.perCore).toEqual([30, 15]);
  });

  it('never goes below 0 when the tick counts lag this process’s own time, and keeps Windows’ irq rule', () => {
    let own = 0;
    const reader = new CpuMemoryReader(
      {
        cpus: () => [
          { times: { user: own ? 20 : 0, nice: 0, sys: own ? 20 : 0, idle: own ? 160 : 0, irq: own ? 10 : 0 } },
        ],
        totalmem: () => 1,
        freemem: () => 1,
      },
      'win32',
      { ownCpuMs: () => own },
    );
    own = 15; // 40 ms busy on Windows (irq is inside sys there), 15 of them ours: 25 of 200.
    expect(reader.read().cpu.loadPercent).toBe(12.5);
    const lagging = new CpuMemoryReader(
      oneCore([
        [0, 0],
        [10, 190],
      ]),
      'linux',
      { ownCpuMs: () => own },
    );
    own = 60; // 45 ms of our own time against 10 ms the OS has counted so far
    expect(lagging.read().cpu).toEqual({ loadPercent: 0, perCore: [0] });
  });

  it('says how long each figure covers, from construction, then from the last read', () => {
    let t = 1_000;
    const reader = new CpuMemoryReader(
      oneCore([
        [0, 0],
        [10, 190],
        [20, 380],
      ]),
      'linux',
      { now: () => t },
    );
    expect(reader.windowStartedAt).toBe(1_000);
    expect(reader.lastWindowMs).toBeNull();
    t += 200;
    reader.read();
    expect(reader.lastWindowMs).toBe(200);
    t += 1_000;
    reader.read();
    expect(reader.lastWindowMs).toBe(1_000);
    expect(reader.windowStartedAt).toBe(2_200);
  });
});
