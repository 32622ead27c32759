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

/** How a reader times its window and whether it leaves its own process out. */
export interface CpuWindowOptions {
  /** The clock the window is timed by (default Date.now). */
  now?: () => number;
  /**
   * This process's CPU time so far, in ms (see ownProcessCpuMs). When given, each CPU figure leaves out
   * what this process used in the window: a one-shot reading whose window overlaps the command's own
   * start (module loading, NVML, the nvidia-smi spawn) would otherwise count that start as the machine's load.
   */
  ownCpuMs?: () => number;
}

/** This process's CPU time so far (user + system), in ms. */
export const ownProcessCpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Reads CPU and RAM; each CPU figure is the load since the previous call. */
export class CpuMemoryReader {
  private previous: Times[] | null = null;
  private previousOwnMs = 0;
  /** When the current window opened: the constructor, or the last read. */
  windowStartedAt: number;
  /** How long the last read's CPU figure covers, in ms (null before the first read). */
  lastWindowMs: number | null = null;

  constructor(
    private readonly source: CpuMemorySource = os,
    private readonly platform: NodeJS.Platform = process.platform,
    private readonly window: CpuWindowOptions = {},
  ) {
    this.previous = this.snapshot();
    this.previousOwnMs = window.ownCpuMs?.() ?? 0;
    this.windowStartedAt = (window.now ?? Date.now)();
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
    const at = (this.window.now ?? Date.now)();
    this.lastWindowMs = at - this.windowStartedAt;
    this.windowStartedAt = at;
    const ownNowMs = this.window.ownCpuMs?.() ?? 0;
    const ownMs = Math.max(0, ownNowMs - this.previousOwnMs);
    this.previousOwnMs = ownNowMs;
    const deltas = now.map((t, i) => {
      const p = before?.[i];
      return p ? { total: t.total - p.total, busy: t.total - p.total - (t.idle - p.idle) } : { total: 0, busy: 0 };
    });
    const total = deltas.reduce((sum, d) => sum + d.total, 0);
    const busy = deltas.reduce((sum, d) => sum + d.busy, 0);
    // This process's own time comes off each core in proportion to that core's busy time (which core ran it is unknown).
    const keep = busy > 0 ? Math.max(0, busy - ownMs) / busy : 1;
    const percent = (b: number, t: number) => round1(Math.min(100, Math.max(0, ((b * keep) / t) * 100)));
    const perCore = deltas.map((d) => (d.total > 0 ? percent(d.busy, d.total) : 0));
    const totalBytes = this.source.totalmem();
    const availableBytes = this.source.freemem();
    return {
      cpu: { loadPercent: total > 0 ? percent(busy, total) : null, perCore },
      memory: {
        totalBytes: totalBytes > 0 ? totalBytes : null,
        usedBytes: totalBytes > 0 ? totalBytes - availableBytes : null,
        availableBytes: totalBytes > 0 ? availableBytes : null,
      },
    };
  }
}
