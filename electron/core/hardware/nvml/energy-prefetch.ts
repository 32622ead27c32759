/**
 * `nvmlDeviceGetTotalEnergyConsumption` takes about 4 ms on the real H200 driver (bench/RESULTS.md),
 * almost all of an NVML sample. The monitor asks for it here, on koffi's worker thread, just before each
 * sample, so the event loop never waits on the driver and the counter is as fresh as a synchronous read.
 */
import { type AsyncFn, NVML_SUCCESS } from './nvml-binding';

/** How long a sample waits for the worker before it goes on without a fresh counter (a driver that hangs). */
export const ENERGY_PREFETCH_CAP_MS = 500;

export class EnergyPrefetch {
  /** Device index → the counter (mJ, or null on an NVML error) read since the last `take`. */
  private readonly fresh = new Map<number, number | null>();
  private readonly inFlight = new Set<number>();

  constructor(private readonly fn: AsyncFn | null) {}

  /** True when koffi offers the async form of the call (it always does for a bound function). */
  get available(): boolean {
    return typeof this.fn?.async === 'function';
  }

  /**
   * Start one async read per device handle not already being read; resolves when they have all answered
   * or after `capMs`, whichever comes first (a read still running is left to finish in the background).
   */
  prefetch(handles: readonly unknown[], capMs = ENERGY_PREFETCH_CAP_MS): Promise<void> {
    const run = this.fn?.async;
    if (!run) return Promise.resolve();
    const reads: Promise<void>[] = [];
    handles.forEach((h, index) => {
      if (h === null || this.inFlight.has(index)) return;
      this.inFlight.add(index);
      const buf = Buffer.alloc(8); // held by the closure until the worker has written it
      reads.push(
        new Promise<void>((resolve) => {
          run.call(this.fn, h, buf, (err: unknown, code: number) => {
            this.inFlight.delete(index);
            this.fresh.set(index, !err && code === NVML_SUCCESS ? Number(buf.readBigUInt64LE(0)) : null);
            resolve();
          });
        }),
      );
    });
    if (reads.length === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, capMs);
      timer.unref();
      void Promise.all(reads).then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** The counter prefetched for device `index` since the last take (consumed), or undefined when there is none. */
  take(index: number): number | null | undefined {
    if (!this.fresh.has(index)) return undefined;
    const value = this.fresh.get(index) ?? null;
    this.fresh.delete(index);
    return value;
  }

  /** True while an async read of device `index` is still on the worker. */
  busy(index: number): boolean {
    return this.inFlight.has(index);
  }
}
