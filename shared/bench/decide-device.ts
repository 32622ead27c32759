/**
 * Where the model ran (the checklist's "Device: CPU ou GPU"): from the GPU offload the load asked for
 * when it is explicit, else from how much VRAM the load took compared with the model's size.
 */
import type { GpuOffload } from '../presets/schema';
import type { BenchDevice } from './bench-record';

/** VRAM growth below this is noise (the desktop, another app), not a model. */
const NOISE_BYTES = 256 * 1024 ** 2;
/** VRAM growth of at least this share of the model's file size means all of it went to the GPU. */
const ALL_ON_GPU_SHARE = 0.85;

export interface DeviceInput {
  gpuOffload: GpuOffload | null;
  /** The model file's size (weights), bytes. */
  modelBytes: number | null;
  /** VRAM in use before and after the bench loaded the model; null when unknown or the model was already loaded. */
  vramBeforeBytes: number | null;
  vramAfterBytes: number | null;
  /** The machine has a GPU that reports memory. */
  hasGpu: boolean;
}

/** The device and the reason, in words. */
export function decideDevice(input: DeviceInput): { device: BenchDevice; reason: string; gpuShare: number | null } {
  const o = input.gpuOffload;
  if (o === 'off' || o === 0) return { device: 'cpu', reason: 'GPU offload off', gpuShare: 0 };
  if (!input.hasGpu) return { device: 'cpu', reason: 'no GPU reported memory during the run', gpuShare: 0 };
  if (o === 'max' || o === 1) return { device: 'gpu', reason: 'GPU offload max', gpuShare: 1 };
  if (typeof o === 'number') return { device: 'split', reason: `GPU offload ${Math.round(o * 100)} %`, gpuShare: o };
  const { vramBeforeBytes: before, vramAfterBytes: after, modelBytes } = input;
  if (before === null || after === null || modelBytes === null || !(modelBytes > 0)) {
    return {
      device: 'unknown',
      reason:
        'automatic GPU offload and no VRAM reading across the load (the model was already loaded, or no GPU telemetry)',
      gpuShare: null,
    };
  }
  const grew = after - before;
  const gb = (grew / 1e9).toFixed(1);
  if (grew < NOISE_BYTES)
    return {
      device: 'cpu',
      reason: `automatic GPU offload; VRAM did not grow during the load (${gb} GB)`,
      gpuShare: 0,
    };
  const share = Math.min(1, grew / modelBytes);
  if (share >= ALL_ON_GPU_SHARE)
    return {
      device: 'gpu',
      reason: `automatic GPU offload; VRAM grew ${gb} GB during the load, the model's size or more`,
      gpuShare: 1,
    };
  return {
    device: 'split',
    reason: `automatic GPU offload; VRAM grew ${gb} GB during the load, about ${Math.round(share * 100)} % of the model`,
    gpuShare: share,
  };
}
