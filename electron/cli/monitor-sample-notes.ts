/**
 * The notes `loadout monitor` writes to stderr beside its table, for this machine's readings and another's:
 * the driver wait once when it starts, and the GPU's unavailable or fallback reason when it changes.
 */
import { driverWaitNote } from '../../shared/hardware/driver-wait-note';
import type { HardwareSample } from '../../shared/hardware/sample';
import type { UiLanguage } from '../../shared/i18n/languages';

/** A stateful reader of successive samples: each call gives the notes that sample brings (without "note: "). */
export function createSampleNotes(language: UiLanguage): (sample: HardwareSample) => string[] {
  let wasWaiting = false;
  let lastReason: string | null = null;
  let lastFallback: string | null = null;
  return (sample) => {
    const notes: string[] = [];
    // Waiting for the driver is said once when it starts (the reason follows); the wait ends with GPU rows again.
    const waitNote = driverWaitNote(sample, language);
    if (waitNote && !wasWaiting) notes.push(waitNote);
    wasWaiting = waitNote !== null;
    if (sample.gpuUnavailableReason && sample.gpuUnavailableReason !== lastReason)
      notes.push(sample.gpuUnavailableReason);
    if (sample.gpuFallbackReason && sample.gpuFallbackReason !== lastFallback)
      notes.push(`GPU data from nvidia-smi because ${sample.gpuFallbackReason}`);
    lastReason = sample.gpuUnavailableReason;
    lastFallback = sample.gpuFallbackReason ?? null;
    return notes;
  };
}
