/** A built-in preset's name in the UI language, as long as the user has not renamed it. */
import { en } from '../i18n/en';
import type { Translate } from '../i18n/translate';

const ENGLISH_NAMES: Record<string, string> = en.builtinPresets;

/** The catalog's name for an unrenamed built-in (its stored name is the English one), else the stored name as typed. */
export function localPresetName(preset: { id: string; name: string; builtIn: boolean }, t: Translate): string {
  const key = `name_${preset.id}`;
  return preset.builtIn && ENGLISH_NAMES[key] === preset.name ? t(`builtinPresets.${key}`) : preset.name;
}
