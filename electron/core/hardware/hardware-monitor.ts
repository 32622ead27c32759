/**
 * The hardware monitor: a self-rescheduling sampler (never overlapping) that reads CPU, RAM and the
 * GPU source, publishes each sample to subscribers and keeps one hour in a ring buffer. The GPU
 * source is kept by a GpuSourceKeeper, which probes again when the driver is late or restarts.
 */
import type { MachineInventory } from '../../../shared/hardware/inventory';
import type { HardwareSample } from '../../../shared/hardware/sample';
import { createEmitter, type ListenerErrorReporter } from '../../../shared/events/typed-emitter';
import { FineGrainDemand } from '../../../shared/energy/fine-grain-demand';
import { CpuMemoryReader } from './cpu-memory-reader';
import type { GpuReader } from './gpu-reader';
import { GpuSourceKeeper, type ProbeTimers } from './gpu-source-keeper';
import type { HardwareMonitor } from './monitor-types';
import { type GpuReaderChoice, type OpenGpuReaderOptions, openGpuReader } from './open-gpu-reader';
import { RingBuffer } from './ring-buffer';

const HOUR_MS = 3_600_000;
/** CPU load needs two tick snapshots some time apart; the first sample waits this long after start. */
const CPU_WARMUP_MS = 250;
/** The shortest first CPU window allowed: under it the OS's 10–16 ms tick counts make the figure coarse. */
export const MIN_CPU_WINDOW_MS = 100;

export interface HardwareMonitorOptions {
  /** Sampling period (default 1000 ms). nvidia-smi's loop runs at the same period. */
  intervalMs?: number;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  now?: () => number;
  /** The data folder, where the nvidia-smi loop child is recorded so a crashed run's child can be killed. */
  dataDir?: string;
  /** How much history to keep (default one hour). */
  historyMs?: number;
  /**
   * Read NVML on the event loop rather than on its worker thread: for one reading (`monitor --once`), where
   * starting the worker costs more than the loop time it saves.
   */
  nvmlOnLoop?: boolean;
  /** Injected GPU source picker (default: NVML → nvidia-smi → none). */
  openGpu?: (options: OpenGpuReaderOptions) => Promise<GpuReaderChoice>;
  cpuMemory?: CpuMemoryReader;
  /**
   * The first sample's CPU window, from when `cpuMemory` opened it (default 250 ms, at least
   * MIN_CPU_WINDOW_MS). With `keepCpuWindow`, start() keeps the window the injected reader opened at
   * construction (a one-shot command opens it first, so it runs beside the imports and the GPU open)
   * instead of opening a new one after them.
   */
  firstCpuWindowMs?: number;
  keepCpuWindow?: boolean;
  collectInventory?: () => Promise<MachineInventory>;
  /** Timers for the driver re-probes (tests pass a fake clock; default Node's, unref'd). */
  probeTimers?: ProbeTimers;
  /** Delay before the next driver probe after N failed ones (default: shared/hardware/driver-probe-backoff.ts). */
  probeDelayMs?: (failures: number) => number;
  /** Where a subscriber that threw is reported (default the console); the sampler and the others go on. */
  onListenerError?: ListenerErrorReporter;
}

/** The monitor plus what tests and the energy tracker like to know about the live source. */
export interface SamplingHardwareMonitor extends HardwareMonitor {
  readonly intervalMs: number;
  /** See HardwareMonitor.watchGpuProcesses: always there on the real monitor. */
  watchGpuProcesses(): () => void;
  /** The open GPU reader, or null (before start, without a GPU, while waiting for the driver, after stop). */
  gpuReader(): GpuReader | null;
  /** Read one sample now without publishing or storing it (benchmarks; the CPU figure covers the time since the last read). */
  readNow(): HardwareSample;
  /** Sample every `ms` instead of `intervalMs` until called with null (gaming mode: Loadout must not keep the GPU awake). */
  setPace(ms: number | null): void;
  /** See HardwareMonitor.holdEnergyFineGrain: always there on the real monitor. */
  holdEnergyFineGrain(): () => void;
  /** Whether NVML reads its energy counter at every sample now (a hold, or one settling: see FineGrainDemand). */
  energyFineGrainWanted(): boolean;
}

/** Build a hardware monitor; nothing runs until `start()`. */
export function createHardwareMonitor(options: HardwareMonitorOptions = {}): SamplingHardwareMonitor {
  const intervalMs = Math.max(50, Math.round(options.intervalMs ?? 1000));
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const open = options.openGpu ?? openGpuReader;
  const history = new RingBuffer<HardwareSample>(Math.ceil((options.historyMs ?? HOUR_MS) / intervalMs));
  const events = createEmitter<{ sample: HardwareSample }>(options.onListenerError);
  let cpuMemory = options.cpuMemory ?? null;
  let running = false;
  let generation = 0;
  let timer: NodeJS.Timeout | null = null;
  let opening: Promise<void> | null = null;
  let paceMs: number | null = null;
  let startedOnce = false;
  const gpuSource = new GpuSourceKeeper({
    open: () =>
      open({
        env,
        intervalMs,
        platform: options.platform,
        now,
        ...(options.nvmlOnLoop ? { nvmlOnLoop: true } : {}),
        ...(options.dataDir ? { childRecordDir: options.dataDir } : {}),
      }),
    now,
    timers: options.probeTimers,
    probeDelayMs: options.probeDelayMs,
  });
  let last: HardwareSample | null = null;
  let inventoryPromise: Promise<MachineInventory> | null = null;
  /** The reader the cached inventory was read through: a driver that arrives later gets its GPUs listed. */
  let inventoryReader: GpuReader | null = null;

  /** How many things show or use the GPU process list now (see watchGpuProcesses). */
  let processWatchers = 0;
  // At once on a hold, not at the next sample: NVML's worker may already wait up to a sample for its read.
  const fineGrain = new FineGrainDemand(now, (wanted) => gpuSource.reader?.setEnergyFineGrain?.(wanted));

  function readSample(): HardwareSample {
    gpuSource.reader?.setProcessesWanted?.(processWatchers > 0);
    gpuSource.reader?.setPace?.(paceMs); // a reader opened again (driver back) follows the pace too
    gpuSource.reader?.setEnergyFineGrain?.(fineGrain.wanted());
    const { cpu, memory } = (cpuMemory ??= new CpuMemoryReader(undefined, options.platform)).read();
    const { reader, reading: gpu, fallbackReason, unavailableReason, unavailable, driverWait } = gpuSource.read();
    return {
      timestamp: new Date(now()).toISOString(),
      cpu,
      memory,
      gpus: gpu?.gpus ?? [],
      gpuSource: reader && gpu && gpu.gpus.length > 0 ? reader.source : 'none',
      gpuUnavailableReason: gpu ? gpu.unavailableReason : unavailableReason,
      gpuUnavailable: gpu ? (gpu.unavailable ?? null) : unavailable,
      gpuFallbackReason: fallbackReason,
      gpuProcesses: gpu?.processes ?? null,
      gpuProcessesUnavailableReason: gpu ? gpu.processesUnavailableReason : 'No GPU source.',
      gpuProcessesUnavailableKind: gpu ? (gpu.processesUnavailableKind ?? null) : 'no-source',
      gpuDriverWait: driverWait,
    };
  }

  function tick(gen: number): void {
    timer = null;
    if (!running || gen !== generation) return;
    const started = now();
    // The reader's slow calls (NVML's energy counter) run on a worker thread first, so the loop never waits.
    const prefetch = gpuSource.reader?.prefetch?.();
    if (prefetch) void prefetch.then(() => sampleAndSchedule(gen, started));
    else sampleAndSchedule(gen, started);
  }

  function sampleAndSchedule(gen: number, started: number): void {
    if (!running || gen !== generation) return;
    try {
      const sample = readSample();
      last = sample;
      history.push(sample);
      events.emit('sample', sample);
      // Booked by the subscribers (the energy tracker): a fine-grain span that ended before it is bracketed now.
      fineGrain.sampled(readAt(sample));
      gpuSource.reader?.setEnergyFineGrain?.(fineGrain.wanted());
    } catch {
      // Reading never throws by design; if it does, skip this sample and keep the schedule.
    }
    if (!running || gen !== generation) return;
    const delay = Math.max(0, (paceMs ?? intervalMs) - (now() - started));
    const reader = gpuSource.reader;
    if (reader?.readAfter) {
      // The reader wakes the loop with its reading (NVML's worker): one wake per sample, not a timer then a reply.
      const dueAt = now() + delay;
      // With the pace, the worker keeps reading on this grid by itself: on schedule, the loop posts nothing.
      void reader.readAfter(delay, paceMs ?? intervalMs).then(() => sampleAndSchedule(gen, Math.min(now(), dueAt)));
      return;
    }
    timer = setTimeout(() => tick(gen), delay);
  }

  const monitor: SamplingHardwareMonitor = {
    intervalMs,
    start() {
      if (running) return;
      running = true;
      const gen = ++generation;
      const firstWindowMs = Math.max(MIN_CPU_WINDOW_MS, options.firstCpuWindowMs ?? CPU_WARMUP_MS);
      const reader = (cpuMemory ??= new CpuMemoryReader(undefined, options.platform));
      // The injected reader's window is kept at the first start only; a restart opens a fresh one.
      const keep = options.keepCpuWindow && options.cpuMemory && !startedOnce;
      startedOnce = true;
      let windowOpenedAt = reader.windowStartedAt;
      if (!keep) {
        reader.read();
        windowOpenedAt = now();
      }
      opening = (async () => {
        await gpuSource.start();
        if (!running || gen !== generation) return;
        const wait = Math.max(0, firstWindowMs - (now() - windowOpenedAt));
        timer = setTimeout(() => tick(gen), wait);
      })();
    },
    async stop() {
      running = false;
      generation++;
      if (timer) clearTimeout(timer);
      timer = null;
      await opening?.catch(() => undefined);
      opening = null;
      await gpuSource.stop();
    },
    subscribe: (listener) => events.on('sample', listener),
    latest: () => last,
    history(sinceMs) {
      const all = history.toArray();
      return sinceMs === undefined ? all : all.filter((s) => Date.parse(s.timestamp) >= sinceMs);
    },
    inventory() {
      const reader = gpuSource.reader;
      if (reader && reader !== inventoryReader && !options.collectInventory) inventoryPromise = null;
      inventoryReader = reader ?? inventoryReader;
      inventoryPromise ??= options.collectInventory
        ? options.collectInventory()
        : // Imported when first asked: systeminformation costs ~50 ms to load, which a sampler that
          // never lists the inventory (`loadout monitor --once`) should not pay at start.
          import('./inventory').then(({ collectMachineInventory }) =>
            collectMachineInventory({
              env,
              platform: options.platform,
              readGpus: reader ? () => reader.inventory() : undefined,
            }),
          );
      return inventoryPromise;
    },
    gpuReader: () => gpuSource.reader,
    watchGpuProcesses() {
      processWatchers++;
      gpuSource.reader?.setProcessesWanted?.(true);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        processWatchers--;
        if (processWatchers === 0) gpuSource.reader?.setProcessesWanted?.(false);
      };
    },
    setPace(ms) {
      paceMs = ms === null ? null : Math.max(intervalMs, Math.round(ms));
      // At once, not at the next sample: that one may be 10 s away.
      gpuSource.reader?.setPace?.(paceMs);
    },
    readNow: readSample,
    holdEnergyFineGrain: () => fineGrain.hold(),
    energyFineGrainWanted: () => fineGrain.wanted(),
  };
  return monitor;
}

/** When a sample's readings were taken: its earliest GPU reading (NVML's worker reads ahead), else the sample's time. */
function readAt(sample: HardwareSample): number {
  const times = sample.gpus.map((g) => Date.parse(g.sampledAt ?? '')).filter(Number.isFinite);
  return times.length > 0 ? Math.min(...times) : Date.parse(sample.timestamp);
}
