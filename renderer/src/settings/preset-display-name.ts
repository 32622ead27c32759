/** A preset's name as this window shows it: a built-in the user has not renamed is named in the UI language. */
import type { TFunction } from 'i18next';
import { en } from '../../../shared/i18n/en';

const BUILTIN_NAMES: Record<string, string> = en.builtinPresets;

/** The shown name: the catalog's for an unrenamed built-in, else the stored one (the user's words stay as typed). */
export function presetDisplayName(preset: { id: string; name: string; builtIn: boolean }, t: TFunction): string {
  const key = `name_${preset.id}`;
  return preset.builtIn && BUILTIN_NAMES[key] === preset.name ? t(`builtinPresets.${key}` as 'builtinPresets.name_dev') : preset.name;
}
