/**
 * A reading without GPU values for one of NVML's own reasons: the reason as data (a window words it in its
 * language) beside its English wording (the CLI's, and the sample's `gpuUnavailableReason`).
 */
import { wordGpuUnavailable, type GpuUnavailable } from '../../../../shared/hardware/gpu-unavailable';
import { translator } from '../../../../shared/i18n/translate';
import type { GpuReading } from '../gpu-reader';

/** What the reading says besides its GPU reason: whether the source is gone, and whether processes share the reason. */
export interface GapOptions {
  /** The reader will not recover by itself: the monitor closes it and probes again. */
  lost?: boolean;
  /** The process list is missing for the same reason (default true); false leaves its reason null. */
  processesToo?: boolean;
}

/** The GpuReading of a reader that has no GPU values now, for `unavailable`. */
export function nvmlGapReading(unavailable: GpuUnavailable, options: GapOptions = {}): GpuReading {
  const why = wordGpuUnavailable(unavailable, translator('en'));
  return {
    gpus: [],
    unavailableReason: why,
    unavailable,
    processes: null,
    processesUnavailableReason: options.processesToo === false ? null : why,
    ...(options.lost ? { lost: why } : {}),
  };
}
