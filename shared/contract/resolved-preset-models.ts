/** A resolved preset as the contract's `models` rows: one per preset model, what it loads here or why nothing. */
import type { ResolvedPresetModel } from './presets';
import { describeSubstitute, resolutionsByEntry, type ResolvedPreset } from '../presets/resolve';

/** The rows `presets.plan` returns and `loadout presets --json` prints, in the preset's order. */
export function resolvedPresetModels(resolved: ResolvedPreset): ResolvedPresetModel[] {
  return resolutionsByEntry(resolved).map(({ requested, model, missing }) => ({
    requested,
    key: model?.key ?? null,
    displayName: model?.displayName ?? null,
    quantization: model?.quantization ?? null,
    paramsString: model?.paramsString ?? null,
    sizeBytes: model?.sizeBytes ?? null,
    message: missing?.message ?? (model?.substitute ? describeSubstitute(requested, model) : null),
    substitute: model?.substitute ?? false,
  }));
}
