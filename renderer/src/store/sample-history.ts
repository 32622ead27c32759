/**
 * The monitor's live history: fixed-size ring buffers of Float64Array, one per series, so a sample
 * costs a few stores and no allocation, and the heap stays flat however long the window is open.
 * Charts read a contiguous copy-free view through `window()`; React never sees these arrays.
 */
import type { HardwareSample } from '../../../shared/hardware/sample';

/** The series the monitor charts, in a fixed order. */
export const SERIES = [
  'gpuUtil',
  'vramUsedGiB',
  'tempC',
  'powerW',
  'clockSmMHz',
  'clockMemMHz',
  'cpuTotal',
  'ramUsedGiB',
] as const;
export type SeriesName = (typeof SERIES)[number];

const GIB = 1024 ** 3;

/** Ring buffers of the last `capacity` samples (time in seconds + each series + per-core CPU). */
export class SampleHistory {
  readonly capacity: number;
  private readonly time: Float64Array;
  private readonly series: Record<SeriesName, Float64Array>;
  private cores: Float64Array[] = [];
  private start = 0;
  private count = 0;
  private version = 0;
  private readonly listeners = new Set<() => void>();
  /** Contiguous scratch copies handed to charts; reused so reading allocates nothing per frame. */
  private readonly scratch = new Map<string, Float64Array>();

  constructor(capacity = 3600 + 60) {
    this.capacity = capacity;
    this.time = new Float64Array(capacity);
    this.series = Object.fromEntries(SERIES.map((s) => [s, new Float64Array(capacity)])) as Record<
      SeriesName,
      Float64Array
    >;
  }

  /** Append one sample (GPU 0 for the GPU series); unknown readings become NaN, which uPlot draws as gaps. */
  append(sample: HardwareSample): void {
    const t = Date.parse(sample.timestamp);
    const seconds = Number.isFinite(t) ? t / 1000 : Date.now() / 1000;
    const gpu = sample.gpus[0];
    const idx = (this.start + this.count) % this.capacity;
    this.time[idx] = seconds;
    const put = (name: SeriesName, v: number | null | undefined) => {
      this.series[name][idx] = v ?? NaN;
    };
    put('gpuUtil', gpu?.utilizationPercent);
    put('vramUsedGiB', gpu?.memoryUsedBytes == null ? null : gpu.memoryUsedBytes / GIB);
    put('tempC', gpu?.temperatureC);
    put('powerW', gpu?.powerW);
    put('clockSmMHz', gpu?.clockSmMHz);
    put('clockMemMHz', gpu?.clockMemMHz);
    put('cpuTotal', sample.cpu.loadPercent);
    put('ramUsedGiB', sample.memory.usedBytes == null ? null : sample.memory.usedBytes / GIB);
    const perCore = sample.cpu.perCore;
    while (this.cores.length < perCore.length) this.cores.push(new Float64Array(this.capacity).fill(NaN));
    for (let c = 0; c < this.cores.length; c++) this.cores[c]![idx] = perCore[c] ?? NaN;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    this.version++;
    for (const l of this.listeners) l();
  }

  /** How many samples are held. */
  get size(): number {
    return this.count;
  }
  /** Bumped on every append: charts redraw only when it changed since their last frame. */
  get changeVersion(): number {
    return this.version;
  }
  /** Time of the newest sample in seconds (NaN when empty): charts end their window here, not at the local clock. */
  get latestTime(): number {
    return this.count === 0 ? NaN : this.time[(this.start + this.count - 1) % this.capacity]!;
  }
  /** How many CPU cores have been seen. */
  get coreCount(): number {
    return this.cores.length;
  }

  /** Call `listener` after each append; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The samples newer than `sinceSeconds`, oldest first, as [time, ...series] in reused arrays. */
  window(names: readonly (SeriesName | `core${number}`)[], sinceSeconds: number): Float64Array[] {
    // Binary search over the ring for the first sample at or after sinceSeconds (times only grow).
    let lo = 0,
      hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.time[(this.start + mid) % this.capacity]! < sinceSeconds) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    const n = this.count - first;
    const out = [this.copy('time', this.time, first, n)];
    for (const name of names) {
      const src = name.startsWith('core') ? this.cores[Number(name.slice(4))] : this.series[name as SeriesName];
      out.push(src ? this.copy(name, src, first, n) : this.scratchFor(name, n).fill(NaN));
    }
    return out;
  }

  private copy(key: string, src: Float64Array, first: number, n: number): Float64Array {
    const dst = this.scratchFor(key, n);
    const from = (this.start + first) % this.capacity;
    const tail = Math.min(n, this.capacity - from);
    dst.set(src.subarray(from, from + tail), 0);
    if (tail < n) dst.set(src.subarray(0, n - tail), tail);
    return dst;
  }

  /** A view of exactly n elements over a per-key buffer of `capacity`, allocated once. */
  private scratchFor(key: string, n: number): Float64Array {
    let buf = this.scratch.get(key);
    if (!buf) {
      buf = new Float64Array(this.capacity);
      this.scratch.set(key, buf);
    }
    return buf.subarray(0, n);
  }
}
