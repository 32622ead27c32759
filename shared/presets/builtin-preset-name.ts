/** A built-in preset's name and description in the UI language, as long as the user has not changed them. */
import { en } from '../i18n/en';
import type { Translate } from '../i18n/translate';

/** The shipped built-ins' names and descriptions (builtins.ts takes its descriptions from here too). */
const ENGLISH_NAMES: Record<string, string> = en.builtinPresets;

/** The catalog's name for an unrenamed built-in (its stored name is the English one), else the stored name as typed. */
export function localPresetName(preset: { id: string; name: string; builtIn: boolean }, t: Translate): string {
  const key = `name_${preset.id}`;
  return preset.builtIn && ENGLISH_NAMES[key] === preset.name ? t(`builtinPresets.${key}`) : preset.name;
}

/** The catalog's description for a built-in whose description is still the shipped (English) one, else the stored one. */
export function localPresetDescription(
  preset: { id: string; description: string; builtIn: boolean },
  t: Translate,
): string {
  const key = `description_${preset.id}`;
  return preset.builtIn && ENGLISH_NAMES[key] === preset.description ? t(`builtinPresets.${key}`) : preset.description;
}
