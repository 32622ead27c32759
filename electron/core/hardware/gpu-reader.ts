/** What the sampler needs from a GPU source (NVML or nvidia-smi), so it does not care which one it has. */
import type { GpuInfo } from '../../../shared/hardware/inventory';
import type { GpuUnavailable } from '../../../shared/hardware/gpu-unavailable';
import type { GpuProcess, GpuProcessesGap, GpuSample, GpuSource } from '../../../shared/hardware/sample';

/** One GPU reading: the GPUs, or why there are none right now; processes where the source gives them. */
export interface GpuReading {
  gpus: GpuSample[];
  unavailableReason: string | null;
  /** unavailableReason as data where it is a known one (a window words it in its language). */
  unavailable?: GpuUnavailable | null;
  processes: GpuProcess[] | null;
  processesUnavailableReason: string | null;
  /** The reason as data where it is a known gap (a window words it in its language). */
  processesUnavailableKind?: GpuProcessesGap | null;
  /**
   * Set when the source itself is gone (the driver was reset or unloaded, nvidia-smi keeps failing),
   * with the reason: the reader will not recover on its own, so the monitor closes it and probes again.
   */
  lost?: string | null;
}

export interface GpuReader {
  readonly source: Exclude<GpuSource, 'none'>;
  /** The latest values; cheap and synchronous (NVML calls take microseconds; nvidia-smi rows are already in memory). */
  read(): GpuReading;
  /**
   * Optional: fetch the slow readings off the event loop before the next `read()` (NVML's energy
   * counter); the monitor awaits it before each sample. Never rejects.
   */
  prefetch?(): Promise<void>;
  /**
   * Optional: take the next reading off the event loop `delayMs` from now; resolves when it is in (or
   * after a cap, for a driver that hangs). The monitor waits on it instead of its own timer, so the
   * reading's arrival is the sample's one wake-up (NVML on its worker thread). `everyMs` (the monitor's
   * pace) says the next readings follow every `everyMs`, so the reader may take them without being asked
   * again. Never rejects.
   */
  readAfter?(delayMs: number, everyMs?: number): Promise<void>;
  /**
   * Optional: whether anything shows or uses the process list now (the monitor says so before each
   * sample). A reader whose listing is costly (nvidia-smi spawns) reads processes only while wanted.
   */
  setProcessesWanted?(wanted: boolean): void;
  /**
   * Optional: whether something measures energy at fine grain now (an answer, a benchmark run): NVML then
   * reads its energy counter at every sample instead of every ENERGY_COUNTER_PERIOD_MS. Idempotent.
   */
  setEnergyFineGrain?(wanted: boolean): void;
  /**
   * Optional: the monitor's pace in ms, or null for the opening interval (gaming mode slows it). A reader
   * with its own loop (the nvidia-smi child) follows it; called before each sample, so it must be idempotent.
   */
  setPace?(ms: number | null): void;
  /** Static facts of every GPU. */
  inventory(): Promise<GpuInfo[]>;
  /** Every raw reading as the source produces it (nvidia-smi rows); absent where readings only exist on `read()` (NVML). */
  subscribeRows?(listener: (gpu: GpuSample) => void): () => void;
  /** Release the library or end the child process. */
  close(): Promise<void>;
}
