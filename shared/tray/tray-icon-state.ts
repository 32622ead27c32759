/** Which tray icon to show: error beats loading beats busy beats idle. */
import type { ModelsState, PresetProgress } from '../contract';
import type { HardwareSample } from '../hardware/sample';

export type TrayIconState = 'idle' | 'loading' | 'busy' | 'error';

/** GPU utilization at or above this reads as "busy" (inferring). */
export const BUSY_GPU_PERCENT = 50;

export interface TrayIconInputs {
  sample: HardwareSample | null;
  models: ModelsState | null;
  /** The last progress event of the current or last switch. */
  progress: PresetProgress | null;
}

/** Derive the icon state from what the tray knows. */
export function deriveTrayIconState({ sample, models, progress }: TrayIconInputs): TrayIconState {
  if (progress && (progress.phase === 'failed' || progress.phase === 'refused')) return 'error';
  if (models && !models.reachable) return 'error';
  if (progress && ['planning', 'waiting', 'unloading', 'loading'].includes(progress.phase)) return 'loading';
  if (models?.loaded.some((m) => m.status === 'generating')) return 'busy';
  const util = sample?.gpus[0]?.utilizationPercent ?? null;
  if (util !== null && util >= BUSY_GPU_PERCENT) return 'busy';
  return 'idle';
}
