/**
 * Keeps a GPU source open across driver restarts. The first probe runs at start; when it finds no
 * source, or the open source reports itself lost (a TDR, a driver update, a driver that was not up
 * yet at login), the reader is closed and NVML then nvidia-smi are probed again on the backoff of
 * shared/hardware/driver-probe-backoff.ts, so readings resume without restarting Loadout. The
 * per-sample path is one `reader.read()` and a flag check: probes never run per sample, never overlap.
 */
import { driverProbeDelayMs } from '../../../shared/hardware/driver-probe-backoff';
import { wordGpuUnavailable, type GpuUnavailable } from '../../../shared/hardware/gpu-unavailable';
import { translator } from '../../../shared/i18n/translate';
import type { GpuReader, GpuReading } from './gpu-reader';
import type { GpuReaderChoice } from './open-gpu-reader';

/** The timer functions the keeper schedules probes with; tests pass a fake clock. */
export interface ProbeTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface GpuSourceKeeperOptions {
  /** Probe the GPU sources once (NVML → nvidia-smi → none); never throws. */
  open: () => Promise<GpuReaderChoice>;
  now: () => number;
  timers?: ProbeTimers;
  /** Delay before the next probe after `failures` failed probes in a row (default: the shared schedule). */
  probeDelayMs?: (failures: number) => number;
}

/** What one sample shows of the GPU source. */
export interface GpuSourceView {
  reader: GpuReader | null;
  /** The reader's reading; null without a reader. */
  reading: GpuReading | null;
  fallbackReason: string | null;
  /** Without a reader: why there is no GPU data. */
  unavailableReason: string | null;
  /** The same as data where it is a known reason (a window words it in its language). */
  unavailable: GpuUnavailable | null;
  /** While the installed driver does not answer: since when, and the next probe (null while probing). */
  driverWait: { since: string; nextProbeAt: string | null } | null;
}

const nodeTimers: ProbeTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Owns the open GPU reader and the re-probes; see the file comment. */
export class GpuSourceKeeper {
  private readonly timers: ProbeTimers;
  private readonly delayMs: (failures: number) => number;
  private choice: GpuReaderChoice | null = null;
  private running = false;
  private failures = 0;
  private waitingSince: number | null = null;
  private nextProbeAt: number | null = null;
  private probeTimer: unknown = null;
  private probing: Promise<void> | null = null;
  /** A lost reader still shutting down (its child exiting): the next probe waits for it. */
  private closing: Promise<void> | null = null;
  /** How many probes have run (tests check that they follow the schedule, never per sample). */
  probes = 0;

  constructor(private readonly options: GpuSourceKeeperOptions) {
    this.timers = options.timers ?? nodeTimers;
    this.delayMs = options.probeDelayMs ?? driverProbeDelayMs;
  }

  /** The open reader, or null. */
  get reader(): GpuReader | null {
    return this.choice?.reader ?? null;
  }

  /** Run the first probe; resolves once it is done, with or without a reader. */
  start(): Promise<void> {
    if (this.running) return this.probing ?? Promise.resolve();
    this.running = true;
    return this.probe();
  }

  private probe(): Promise<void> {
    this.probing ??= (async () => {
      this.nextProbeAt = null;
      // No await before open() when nothing is closing, so start() has called it by the time it returns.
      if (this.closing) await this.closing;
      this.closing = null;
      this.probes++;
      const picked = await this.options.open();
      if (!this.running) {
        await picked.reader?.close();
        return;
      }
      this.choice = picked;
      if (picked.reader) {
        this.failures = 0;
        this.waitingSince = null;
        return;
      }
      // A driver that is installed (or was answering before) is coming; none at all is only checked now and then.
      if (picked.driverInstalled) this.waitingSince ??= this.options.now();
      else this.waitingSince = null;
      this.failures++;
      this.schedule();
    })().finally(() => {
      this.probing = null;
    });
    return this.probing;
  }

  private schedule(): void {
    const delay = this.delayMs(this.failures);
    this.nextProbeAt = this.options.now() + delay;
    this.probeTimer = this.timers.setTimeout(() => {
      this.probeTimer = null;
      if (this.running) void this.probe();
    }, delay);
  }

  /** The GPU part of one sample: a read of the open reader, or why there is none. Cheap; never throws. */
  read(): GpuSourceView {
    const reader = this.reader;
    if (reader) {
      const reading = reader.read();
      if (!reading.lost)
        return {
          reader,
          reading,
          fallbackReason: this.choice?.fallbackReason ?? null,
          unavailableReason: null,
          unavailable: null,
          driverWait: null,
        };
      this.onLost(reader, reading.lost, reading.unavailable ?? null);
    }
    const waiting = this.waitingSince !== null;
    const own: GpuUnavailable = { kind: this.running ? 'starting' : 'stopped' };
    return {
      reader: null,
      reading: null,
      fallbackReason: null,
      unavailableReason: this.choice?.unavailableReason ?? wordGpuUnavailable(own, translator('en')),
      unavailable: this.choice ? (this.choice.unavailable ?? null) : own,
      driverWait: waiting
        ? {
            since: new Date(this.waitingSince!).toISOString(),
            nextProbeAt: this.nextProbeAt === null ? null : new Date(this.nextProbeAt).toISOString(),
          }
        : null,
    };
  }

  /** The source stopped answering: release it and look again soon (the backoff starts over). */
  private onLost(reader: GpuReader, why: string, unavailable: GpuUnavailable | null): void {
    this.choice = {
      reader: null,
      fallbackReason: null,
      // A known reason keeps the reader's own sentence, which a window words in its language from `unavailable`.
      unavailableReason: unavailable ? why : `No GPU data: ${why}`,
      unavailable,
      driverInstalled: true,
    };
    this.closing = reader.close().catch(() => undefined);
    this.waitingSince = this.options.now();
    this.failures = 1;
    if (!this.probing && this.probeTimer === null) this.schedule();
  }

  /** Stop probing and close the reader; resolves once nothing is left running. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.probeTimer !== null) this.timers.clearTimeout(this.probeTimer);
    this.probeTimer = null;
    this.nextProbeAt = null;
    await this.probing?.catch(() => undefined);
    const reader = this.reader;
    this.choice = null;
    this.waitingSince = null;
    await reader?.close();
    await this.closing;
  }
}
