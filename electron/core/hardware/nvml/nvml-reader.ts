/**
 * GPU readings through NVML. Every NVML error code gives null for that one value (never 0 or NaN),
 * so a GPU that lacks a sensor still reports the rest.
 */
import { dropImpossibleGpuValues } from '../../../../shared/hardware/gpu-plausibility';
import { wordGpuUnavailable, type GpuUnavailable } from '../../../../shared/hardware/gpu-unavailable';
import type { GpuInfo } from '../../../../shared/hardware/inventory';
import { translator } from '../../../../shared/i18n/translate';
import type { GpuProcess, GpuSample } from '../../../../shared/hardware/sample';
import type { GpuReader, GpuReading } from '../gpu-reader';
import { COUNTER_NOT_READ, type CounterNotRead } from '../../../../shared/energy/counter-reads';
import { EnergyCounterSchedule } from './energy-counter-schedule';
import { EnergyPrefetch } from './energy-prefetch';
import { nvmlGapReading } from './nvml-gap-reading';
import { decodeNvmlText, NVML_PROCESS_NAME_BYTES } from './nvml-text';
import {
  type NvmlBinding,
  NVML_CLOCK_MEM,
  NVML_CLOCK_SM,
  NVML_DRIVER_WDDM,
  NVML_ERROR_INSUFFICIENT_SIZE,
  NVML_ERROR_NOT_SUPPORTED,
  NVML_SUCCESS,
  NVML_TEMPERATURE_GPU,
  NVML_VALUE_NOT_AVAILABLE,
  bindNvml,
} from './nvml-binding';

const PROCESS_INFO_V3_SIZE = 24;
const NVML_NO_GPU: GpuUnavailable = { kind: 'nvml-no-gpu' };
const PSTATE_UNKNOWN = 32;
/** Not an NVML code: marks a device that has no handle. */
const NO_HANDLE = -1;

/** NVML could not be used: the message says why, for the fallback reason. */
export class NvmlUnavailableError extends Error {
  override name = 'NvmlUnavailableError';
  /** True when a library loaded but nvmlInit failed: the driver is installed and did not answer. */
  constructor(
    message: string,
    readonly libraryLoaded = false,
  ) {
    super(message);
  }
}

/** Open NVML from the first loadable candidate and return a reader; throws NvmlUnavailableError with every reason. */
export async function openNvmlReader(
  candidates: string[],
  platform: NodeJS.Platform = process.platform,
  now: () => number = Date.now,
): Promise<NvmlGpuReader> {
  const reasons: string[] = [];
  let libraryLoaded = false;
  for (const candidate of candidates) {
    let nvml: NvmlBinding;
    try {
      nvml = await bindNvml(candidate);
    } catch (error) {
      reasons.push(`${candidate} could not be loaded (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    libraryLoaded = true;
    const code = nvml.init();
    if (code !== NVML_SUCCESS) {
      reasons.push(`${candidate}: nvmlInit failed with ${describeCode(nvml, code)}`);
      continue;
    }
    return new NvmlGpuReader(nvml, platform, now);
  }
  throw new NvmlUnavailableError(`NVML unavailable: ${reasons.join('; ')}.`, libraryLoaded);
}

function describeCode(nvml: NvmlBinding, code: number): string {
  let text: string | null;
  try {
    text = nvml.errorString?.(code) ?? null;
  } catch {
    text = null;
  }
  return text ? `error ${code} (${text})` : `error ${code}`;
}

/** A GpuReader over an initialised NVML. */
export class NvmlGpuReader implements GpuReader {
  readonly source = 'nvml' as const;
  private readonly handles: unknown[] = [];
  private closed = false;
  private readonly u32 = Buffer.alloc(4);
  private readonly u32b = Buffer.alloc(4);
  private readonly u64x3 = Buffer.alloc(24);
  private readonly energyPrefetch: EnergyPrefetch;
  private readonly counterSchedule = new EnergyCounterSchedule();

  constructor(
    private readonly nvml: NvmlBinding,
    private readonly platform: NodeJS.Platform,
    private readonly now: () => number,
  ) {
    this.energyPrefetch = new EnergyPrefetch(nvml.deviceGetTotalEnergyConsumption);
    if (nvml.deviceGetCount(this.u32) !== NVML_SUCCESS) return;
    const count = this.u32.readUInt32LE(0);
    for (let i = 0; i < count; i++) {
      const out: unknown[] = [null];
      this.handles.push(nvml.deviceGetHandleByIndex(i, out) === NVML_SUCCESS ? out[0] : null);
    }
  }

  /** How many GPUs NVML reports. */
  get deviceCount(): number {
    return this.handles.length;
  }

  /**
   * Calls that answered NOT_SUPPORTED, by function and arguments: never asked again. On the real H200
   * (driver 580) a failing nvmlDeviceGetFanSpeed costs ~170 µs of CPU each time, 100× a supported read.
   */
  private readonly unsupported = new Map<unknown, Set<string>>();

  private uint(fn: ((...a: unknown[]) => number) | null, ...args: unknown[]): number | null {
    if (!fn) return null;
    const key = args.map((a) => (typeof a === 'number' ? a : this.handles.indexOf(a))).join(',');
    if (this.unsupported.get(fn)?.has(key)) return null;
    const code = fn(...args, this.u32);
    if (code === NVML_SUCCESS) return this.u32.readUInt32LE(0);
    if (code === NVML_ERROR_NOT_SUPPORTED) {
      const keys = this.unsupported.get(fn) ?? new Set<string>();
      keys.add(key);
      this.unsupported.set(fn, keys);
    }
    return null;
  }

  private processNameBuffer: Buffer | null = null;

  private text(fn: ((...a: unknown[]) => number) | null, size: number, ...args: unknown[]): string | null {
    if (!fn) return null;
    // The process-name buffer is large (long paths), so it is allocated once and reused; NVML NUL-terminates what it writes.
    const buf = size === NVML_PROCESS_NAME_BYTES ? (this.processNameBuffer ??= Buffer.alloc(size)) : Buffer.alloc(size);
    return fn(...args, buf, size) === NVML_SUCCESS ? decodeNvmlText(buf) : null;
  }

  /** The error code of each device's last memory read this round (the liveness check; see `read`). */
  private memoryCodes: number[] = [];

  /** Read the energy counter at every sample while `wanted` (an answer or a benchmark run in progress), else every period. */
  setEnergyFineGrain(wanted: boolean): void {
    this.counterSchedule.everySample = wanted;
  }

  /**
   * Read the energy counters on koffi's worker thread; the next `read()` uses them instead of calling
   * the driver on the event loop. The monitor awaits this before each sample (see energy-prefetch.ts).
   */
  prefetch(): Promise<void> {
    if (this.closed) return Promise.resolve();
    const now = this.now();
    // Only the counters due this sample (see energy-counter-schedule.ts); the others are not read at all.
    return this.energyPrefetch.prefetch(this.handles.map((h, i) => (this.counterSchedule.due(i, now) ? h : null)));
  }

  read(): GpuReading {
    if (this.closed) return nvmlGapReading({ kind: 'nvml-closed' }, { processesToo: false });
    this.memoryCodes = [];
    const gpus = this.handles.map((h, index) => this.readDevice(h, index));
    // Every GPU answers the memory query (it is the one sensor no NVIDIA board lacks), so when none
    // does, the driver itself is gone (reset by a TDR, unloaded by an update): the handles are dead
    // until NVML is opened again, and the monitor re-probes instead of reading nulls forever.
    const failed = this.memoryCodes.filter((c) => c !== NVML_SUCCESS);
    if (this.handles.length > 0 && failed.length === this.handles.length) {
      const code = failed[0] ?? NO_HANDLE;
      const detail = code === NO_HANDLE ? 'no device handle' : describeCode(this.nvml, code);
      return nvmlGapReading({ kind: 'nvml-lost', detail }, { lost: true });
    }
    const { processes, reason } = this.readProcesses();
    return {
      gpus,
      unavailableReason: gpus.length === 0 ? wordGpuUnavailable(NVML_NO_GPU, translator('en')) : null,
      unavailable: gpus.length === 0 ? NVML_NO_GPU : null,
      processes,
      processesUnavailableReason: reason,
    };
  }

  private readDevice(h: unknown, index: number): GpuSample {
    const n = this.nvml;
    const sampledAt = new Date(this.now()).toISOString();
    let utilizationPercent: number | null = null;
    let memoryUtilizationPercent: number | null = null;
    if (h !== null && n.deviceGetUtilizationRates?.(h, this.u64x3) === NVML_SUCCESS) {
      utilizationPercent = this.u64x3.readUInt32LE(0);
      memoryUtilizationPercent = this.u64x3.readUInt32LE(4);
    }
    let memoryTotalBytes: number | null = null;
    let memoryUsedBytes: number | null = null;
    // A device without a handle (the driver was not ready when NVML opened) counts as not answering.
    const memoryCode =
      h === null ? NO_HANDLE : n.deviceGetMemoryInfo ? n.deviceGetMemoryInfo(h, this.u64x3) : NVML_SUCCESS;
    this.memoryCodes.push(memoryCode);
    if (h !== null && n.deviceGetMemoryInfo && memoryCode === NVML_SUCCESS) {
      memoryTotalBytes = Number(this.u64x3.readBigUInt64LE(0));
      memoryUsedBytes = Number(this.u64x3.readBigUInt64LE(16));
    }
    if (h === null) {
      return {
        index,
        name: null,
        uuid: null,
        utilizationPercent,
        memoryUtilizationPercent,
        memoryUsedBytes,
        memoryTotalBytes,
        temperatureC: null,
        powerW: null,
        powerLimitW: null,
        energyCounterMJ: null,
        clockSmMHz: null,
        clockMemMHz: null,
        fanPercent: null,
        pstate: null,
        sampledAt,
      };
    }
    const powerMw = this.uint(n.deviceGetPowerUsage, h);
    const limitMw = this.uint(n.deviceGetEnforcedPowerLimit, h);
    const pstate = this.uint(n.deviceGetPerformanceState, h);
    const energy = this.energy(h, index);
    return dropImpossibleGpuValues({
      index,
      name: this.text(n.deviceGetName, 96, h),
      uuid: this.text(n.deviceGetUUID, 96, h),
      utilizationPercent,
      memoryUtilizationPercent,
      memoryUsedBytes,
      memoryTotalBytes,
      temperatureC: this.uint(n.deviceGetTemperature, h, NVML_TEMPERATURE_GPU),
      powerW: powerMw === null ? null : powerMw / 1000,
      powerLimitW: limitMw === null ? null : limitMw / 1000,
      energyCounterMJ: energy === COUNTER_NOT_READ ? null : energy,
      ...(energy === COUNTER_NOT_READ ? { energyCounterNotRead: true as const } : {}),
      clockSmMHz: this.uint(n.deviceGetClockInfo, h, NVML_CLOCK_SM),
      clockMemMHz: this.uint(n.deviceGetClockInfo, h, NVML_CLOCK_MEM),
      fanPercent: this.uint(n.deviceGetFanSpeed, h),
      pstate: pstate === null || pstate >= PSTATE_UNKNOWN ? null : `P${pstate}`,
      sampledAt,
    });
  }

  /** The counter (mJ), null on an NVML error, or COUNTER_NOT_READ when this sample is not one of its reads. */
  private energy(h: unknown, index: number): number | null | CounterNotRead {
    const now = this.now();
    const prefetched = this.energyPrefetch.take(index);
    if (prefetched !== undefined) {
      this.counterSchedule.read(index, now);
      return prefetched;
    }
    if (!this.counterSchedule.due(index, now)) return COUNTER_NOT_READ;
    // A read still on the worker past the cap (a slow or hung driver): never block the event loop behind
    // it. The energy ledger measures this interval from power.draw and takes the counter up again after.
    if (this.energyPrefetch.busy(index)) return null;
    this.counterSchedule.read(index, now);
    const buf = Buffer.alloc(8);
    if (this.nvml.deviceGetTotalEnergyConsumption?.(h, buf) !== NVML_SUCCESS) return null;
    return Number(buf.readBigUInt64LE(0));
  }

  /** Compute processes on every GPU (NVML v3 struct). Under Windows WDDM the driver does not know per-process memory. */
  private readProcesses(): { processes: GpuProcess[] | null; reason: string | null } {
    const fn = this.nvml.deviceGetComputeRunningProcesses;
    if (!fn)
      return {
        processes: null,
        reason: 'This NVIDIA driver does not list GPU processes (nvmlDeviceGetComputeRunningProcesses_v3 missing).',
      };
    const processes: GpuProcess[] = [];
    let wddm = false;
    let anyListed = false;
    let lastError: number | null = null;
    for (const h of this.handles) {
      if (h === null) continue;
      if (this.platform === 'win32' && this.nvml.deviceGetDriverModel?.(h, this.u32, this.u32b) === NVML_SUCCESS) {
        wddm ||= this.u32.readUInt32LE(0) === NVML_DRIVER_WDDM;
      }
      const uuid = this.text(this.nvml.deviceGetUUID, 96, h);
      let capacity = 64;
      for (let attempt = 0; attempt < 2; attempt++) {
        const count = Buffer.alloc(4);
        count.writeUInt32LE(capacity, 0);
        const infos = Buffer.alloc(capacity * PROCESS_INFO_V3_SIZE);
        const code = fn(h, count, infos);
        if (code === NVML_ERROR_INSUFFICIENT_SIZE) {
          capacity = count.readUInt32LE(0) + 16;
          continue;
        }
        if (code !== NVML_SUCCESS) {
          lastError ??= code; // the first device's reason: later ones often just lack the feature
          break;
        }
        anyListed = true;
        for (let i = 0; i < count.readUInt32LE(0); i++) {
          const pid = infos.readUInt32LE(i * PROCESS_INFO_V3_SIZE);
          const used = infos.readBigUInt64LE(i * PROCESS_INFO_V3_SIZE + 8);
          processes.push({
            pid,
            name: this.text(this.nvml.systemGetProcessName, NVML_PROCESS_NAME_BYTES, pid),
            gpuUuid: uuid,
            usedMemoryBytes: used === NVML_VALUE_NOT_AVAILABLE || wddm ? null : Number(used),
          });
        }
        break;
      }
    }
    if (!anyListed)
      return {
        processes: null,
        reason: `NVML could not list the GPU processes on this driver${lastError === null ? '' : ` (nvmlDeviceGetComputeRunningProcesses_v3: ${describeCode(this.nvml, lastError)})`}; GPU memory per process is not shown.`,
      };
    const reason = wddm
      ? 'Windows WDDM: the driver does not report per-process GPU memory (Windows manages it); processes are listed without memory.'
      : null;
    return { processes, reason };
  }

  async inventory(): Promise<GpuInfo[]> {
    const n = this.nvml;
    const driverVersion = this.text(n.systemGetDriverVersion, 96);
    return this.handles.map((h, index) => {
      if (h === null)
        return {
          index,
          name: `GPU ${index}`,
          uuid: null,
          driverVersion,
          computeCapability: null,
          memoryTotalBytes: null,
          memoryBusWidthBits: null,
          maxMemoryClockMHz: null,
          powerLimitW: null,
        };
      let computeCapability: string | null = null;
      if (n.deviceGetCudaComputeCapability?.(h, this.u32, this.u32b) === NVML_SUCCESS) {
        computeCapability = `${this.u32.readInt32LE(0)}.${this.u32b.readInt32LE(0)}`;
      }
      let memoryTotalBytes: number | null = null;
      if (n.deviceGetMemoryInfo?.(h, this.u64x3) === NVML_SUCCESS)
        memoryTotalBytes = Number(this.u64x3.readBigUInt64LE(0));
      const limitMw = this.uint(n.deviceGetEnforcedPowerLimit, h);
      return {
        index,
        name: this.text(n.deviceGetName, 96, h) ?? `GPU ${index}`,
        uuid: this.text(n.deviceGetUUID, 96, h),
        driverVersion,
        computeCapability,
        memoryTotalBytes,
        memoryBusWidthBits: this.uint(n.deviceGetMemoryBusWidth, h),
        maxMemoryClockMHz: this.uint(n.deviceGetMaxClockInfo, h, NVML_CLOCK_MEM),
        powerLimitW: limitMw === null ? null : limitMw / 1000,
      };
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.nvml.shutdown();
  }
}
