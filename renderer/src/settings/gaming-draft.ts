/**
 * The gaming mode part of the settings window as an editable draft, and its validation into a settings
 * patch (or the field to fix). Numbers accept a decimal comma, as pt-BR users type them.
 */
import type { PublicSettings, SettingsPatch } from '../../../shared/contract/settings';

export interface GamingDraft {
  enabled: boolean;
  /** One executable name a line. */
  processes: string;
  restore: boolean;
  restoreAfterSeconds: string;
  restorePreset: string;
  vramThresholdGiB: string;
}

export type GamingField = 'restoreAfterSeconds' | 'vramThresholdGiB';

/** The draft for the saved settings. */
export function toGamingDraft(s: PublicSettings): GamingDraft {
  return {
    enabled: s.gaming.enabled,
    processes: s.gaming.processes.join('\n'),
    restore: s.gaming.restore,
    restoreAfterSeconds: String(s.gaming.restoreAfterSeconds),
    restorePreset: s.gaming.restorePreset ?? '',
    vramThresholdGiB: s.gaming.vramThresholdGiB === null ? '' : String(s.gaming.vramThresholdGiB),
  };
}

/** The settings patch for a draft, or the field that is wrong. */
export function gamingDraftToPatch(d: GamingDraft): { patch: SettingsPatch } | { field: GamingField } {
  const seconds = Number(d.restoreAfterSeconds.trim());
  if (d.restoreAfterSeconds.trim() === '' || !Number.isInteger(seconds) || seconds < 0)
    return { field: 'restoreAfterSeconds' };
  const vramText = d.vramThresholdGiB.trim().replace(',', '.');
  const vram = vramText === '' ? null : Number(vramText);
  if (vram !== null && !(Number.isFinite(vram) && vram > 0)) return { field: 'vramThresholdGiB' };
  return {
    patch: {
      gaming: {
        enabled: d.enabled,
        processes: [
          ...new Set(
            d.processes
              .split(/\r?\n/)
              .map((p) => p.trim())
              .filter(Boolean),
          ),
        ],
        restore: d.restore,
        restoreAfterSeconds: seconds,
        restorePreset: d.restorePreset.trim() || null,
        vramThresholdGiB: vram,
      },
    },
  };
}
