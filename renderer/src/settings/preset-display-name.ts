/** A preset's name as this window shows it: a built-in the user has not renamed is named in the UI language. */
import type { TFunction } from 'i18next';
import type { Translate } from '../../../shared/i18n/translate';
import { localPresetName } from '../../../shared/presets/builtin-preset-name';

/** The shown name: the catalog's for an unrenamed built-in, else the stored one (the user's words stay as typed). */
export function presetDisplayName(preset: { id: string; name: string; builtIn: boolean }, t: TFunction): string {
  return localPresetName(preset, t as unknown as Translate);
}
