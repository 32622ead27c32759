/** The tray's and notifications' words: the `tray` namespace of the shared catalogs (shared/i18n), one per language. */
import { en, type Catalog } from '../../../shared/i18n/en';
import { resolveUiLanguage, type UiLanguage } from '../../../shared/i18n/languages';
import { ptBR } from '../../../shared/i18n/pt-br';
import { translator, type Translate } from '../../../shared/i18n/translate';

export type ShellStrings = Catalog['tray'];

const catalogs: Record<UiLanguage, ShellStrings> = { en: en.tray, 'pt-BR': ptBR.tray };

/** The strings for the UI language setting ("auto", or anything unknown, resolves with the OS locale, as the windows do). */
export function shellStrings(language: string, osLocale: string): ShellStrings {
  return catalogs[resolveUiLanguage(language as UiLanguage | 'auto', [osLocale])];
}

/** The whole catalog in the same language, for words the core sends as data (e.g. a remote access problem). */
export function shellTranslator(language: string, osLocale: string): Translate {
  return translator(resolveUiLanguage(language as UiLanguage | 'auto', [osLocale]));
}

/** Fill `{{name}}` placeholders (the catalogs' i18next syntax). */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (match, key: string) => values[key] ?? match);
}
