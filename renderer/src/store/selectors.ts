/** Named selectors: components read the store through these (or useShallow), never ad hoc. */
import { secondsToNextDriverProbe } from '../../../shared/hardware/driver-probe-backoff';
import type { AppState } from './app-state';

export const selectLatestSample = (s: AppState) => s.latestSample;
export const selectFirstGpu = (s: AppState) => s.latestSample?.gpus[0] ?? null;
export const selectGpuUnavailableReason = (s: AppState) => s.latestSample?.gpuUnavailableReason ?? null;
export const selectGpuUnavailable = (s: AppState) => s.latestSample?.gpuUnavailable ?? null;
/** Seconds to the next NVIDIA driver probe while Loadout waits for the driver, else null. */
export const selectGpuDriverWaitSeconds = (s: AppState) => {
  const sample = s.latestSample;
  return sample?.gpuDriverWait ? secondsToNextDriverProbe(sample.gpuDriverWait, sample.timestamp) : null;
};
export const selectLoadedModels = (s: AppState) => s.models?.loaded ?? EMPTY;
export const selectCatalog = (s: AppState) => s.models?.catalog ?? EMPTY_CATALOG;
/** The core's own sentence for an LM Studio that does not answer (a failed call is `modelsError`, worded apart). */
export const selectModelsMessage = (s: AppState) => (s.models && !s.models.reachable ? s.models.message : null);
export const selectPresets = (s: AppState) => s.presetList?.presets ?? EMPTY_PRESETS;
export const selectActivePresetId = (s: AppState) => s.presetList?.activePresetId ?? null;
export const selectApplyingPresetId = (s: AppState) => s.presetList?.applyingPresetId ?? null;
export const selectPinned = (s: AppState) => s.presetList?.pinned ?? EMPTY_STRINGS;
export const selectProgress = (s: AppState) => s.progress;
export const selectLastSwitch = (s: AppState) => s.lastSwitch;
export const selectSettings = (s: AppState) => s.settings;
export const selectLanguageSetting = (s: AppState) => s.settings?.ui.language ?? 'auto';
export const selectThemeSetting = (s: AppState) => s.settings?.ui.theme ?? 'system';
export const selectTurns = (s: AppState) => s.turns;
export const selectIsStreaming = (s: AppState) => s.chatRequestId !== null;
export const selectConnection = (s: AppState) => s.connection;
export const selectEnergySummary = (s: AppState) => s.energySummary;

const EMPTY: never[] = [];
const EMPTY_CATALOG: never[] = [];
const EMPTY_PRESETS: never[] = [];
const EMPTY_STRINGS: string[] = [];
