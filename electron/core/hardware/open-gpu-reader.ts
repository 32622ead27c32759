/** Picks the GPU source: NVML first, then the nvidia-smi loop, else none, with the reasons a person can act on. */
import { wordGpuUnavailable, type GpuUnavailable } from '../../../shared/hardware/gpu-unavailable';
import { translator } from '../../../shared/i18n/translate';
import type { GpuReader } from './gpu-reader';
import { HARDWARE_ENV } from './monitor-types';
import { planNvml } from './nvml/nvml-library-path';
import { NvmlUnavailableError, openNvmlReader } from './nvml/nvml-reader';
import { NvmlWorkerReader } from './nvml/nvml-worker-reader';
import { SmiUnavailableError, openSmiReader } from './smi/smi-reader';

/** The reader chosen (or null), why NVML was skipped, and, without a reader, why there is no GPU data. */
export interface GpuReaderChoice {
  reader: GpuReader | null;
  fallbackReason: string | null;
  unavailableReason: string | null;
  /** unavailableReason as data, for a window to word in its language. */
  unavailable?: GpuUnavailable | null;
  /**
   * Without a reader: true when the NVIDIA driver is installed (NVML loaded, or nvidia-smi exists) but
   * did not answer, as at login before the driver is up or during a driver update; false or absent when
   * there is no NVIDIA software at all.
   */
  driverInstalled?: boolean;
}

export interface OpenGpuReaderOptions {
  env: NodeJS.ProcessEnv;
  intervalMs: number;
  platform?: NodeJS.Platform;
  now?: () => number;
  /** Read NVML on the event loop, not on its worker thread (one-shot readings; see HardwareMonitorOptions). */
  nvmlOnLoop?: boolean;
  /** The data folder, where the nvidia-smi loop child is recorded (see smi-child-record.ts); none in tests. */
  childRecordDir?: string;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Open the best GPU source available; never throws. */
export async function openGpuReader(options: OpenGpuReaderOptions): Promise<GpuReaderChoice> {
  const platform = options.platform ?? process.platform;
  const plan = planNvml(options.env, platform);
  let nvmlReason: string;
  let nvmlLoaded = false;
  if (plan.off) nvmlReason = plan.reason;
  else {
    try {
      // NVML's calls run on a worker thread; on the loop only where the build has no worker file (or it is turned off).
      const worker = options.env[HARDWARE_ENV.nvmlWorker]?.trim() || undefined;
      const onWorker =
        options.nvmlOnLoop || worker?.toLowerCase() === 'off'
          ? null
          : // A failure on the worker is retried on the loop, which gives the reason (or works where only the worker failed).
            await NvmlWorkerReader.open(plan.candidates, platform, options.now, worker).catch(() => null);
      const reader = onWorker ?? (await openNvmlReader(plan.candidates, platform, options.now));
      if (reader.deviceCount > 0) return { reader, fallbackReason: null, unavailableReason: null };
      await reader.close();
      nvmlReason = 'NVML reports no NVIDIA GPU.';
    } catch (error) {
      nvmlReason = message(error);
      nvmlLoaded = error instanceof NvmlUnavailableError && error.libraryLoaded;
    }
  }
  try {
    const reader = await openSmiReader({
      env: options.env,
      intervalMs: options.intervalMs,
      platform,
      now: options.now,
      childRecordDir: options.childRecordDir,
    });
    return { reader, fallbackReason: nvmlReason, unavailableReason: null };
  } catch (error) {
    const driverInstalled = nvmlLoaded || !(error instanceof SmiUnavailableError && error.notFound);
    const unavailable: GpuUnavailable = {
      kind: driverInstalled ? 'driver-failed' : 'no-driver',
      nvml: nvmlReason,
      smi: message(error),
    };
    return {
      reader: null,
      fallbackReason: null,
      unavailableReason: wordGpuUnavailable(unavailable, translator('en')),
      unavailable,
      driverInstalled,
    };
  }
}
