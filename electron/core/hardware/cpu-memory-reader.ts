/**
 * CPU load (total and per core) from `os.cpus()` tick deltas and RAM from `os.totalmem/freemem`:
 * microseconds per call and no child process (systeminformation's currentLoad spawns `cat /proc/stat`
 * on Linux; its mem() spawns PowerShell on Windows). On Linux `os.freemem()` is MemAvailable (libuv #3351).
 */
import os from 'node:os';
import type { HardwareSample } from '../../../shared/hardware/sample';

type Times = { idle: number; total: number };

/** The OS calls the reader needs; tests pass fixed figures. */
export interface CpuMemorySource {
  cpus: () => Array<{ times: { user: number; nice: number; sys: number; idle: number; irq: number } }>;
  totalmem: () => number;
  freemem: () => number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Reads CPU and RAM; each CPU figure is the load since the previous call. */
export class CpuMemoryReader {
  private previous: Times[] | null = null;

  constructor(
    private readonly source: CpuMemorySource = os,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.previous = this.snapshot();
  }

  /**
   * Ticks per core. On Windows libuv's `sys` is kernel time minus idle, and kernel time already holds
   * interrupt time, so adding `irq` there would count it twice and read interrupt-heavy cores as busier.
   */
  private snapshot(): Times[] {
    const irqCounts = this.platform !== 'win32';
    return this.source.cpus().map(({ times }) => ({
      idle: times.idle,
      total: times.user + times.nice + times.sys + times.idle + (irqCounts ? times.irq : 0),
    }));
  }

  /** CPU load since the last call (null total before any time has passed) and the current RAM. */
  read(): Pick<HardwareSample, 'cpu' | 'memory'> {
    const now = this.snapshot();
    const before = this.previous;
    this.previous = now;
    const perCore: number[] = [];
    let idle = 0;
    let total = 0;
    now.forEach((t, i) => {
      const p = before?.[i];
      const dt = p ? t.total - p.total : 0;
      const di = p ? t.idle - p.idle : 0;
      idle += di;
      total += dt;
      perCore.push(dt > 0 ? round1(Math.min(100, Math.max(0, (1 - di / dt) * 100))) : 0);
    });
    const totalBytes = this.source.totalmem();
    const availableBytes = this.source.freemem();
    return {
      cpu: { loadPercent: total > 0 ? round1(Math.min(100, Math.max(0, (1 - idle / total) * 100))) : null, perCore },
      memory: {
        totalBytes: totalBytes > 0 ? totalBytes : null,
        usedBytes: totalBytes > 0 ? totalBytes - availableBytes : null,
        availableBytes: totalBytes > 0 ? availableBytes : null,
      },
    };
  }
}
