/**
 * The one locale source: the UI language setting (or the OS locale when it is "auto") picks the
 * language, the number and date format and the currency for every face (windows, serve, tray,
 * notifications, CLI); an explicit energy.currency overrides the currency only.
 */
import { resolveCurrency } from './locale-currency';
import { resolveUiLanguage, type UiLanguage } from './languages';

/** The settings that decide the locale. */
export interface LocaleSettings {
  ui: { language: 'auto' | UiLanguage };
  energy: { currency: string | null };
}

/** What every face formats with. */
export interface UserLocale {
  /** The catalog, and the BCP 47 tag for Intl number and date formats. */
  language: UiLanguage;
  /** ISO 4217 code: energy.currency, else BRL for pt-BR, else USD. */
  currency: string;
}

/** Resolve the user's locale from the settings and the OS locales (most preferred first). */
export function resolveUserLocale(settings: LocaleSettings, osLocales: readonly string[]): UserLocale {
  const language = resolveUiLanguage(settings.ui.language, osLocales);
  return { language, currency: resolveCurrency(settings.energy.currency, language) };
}

/** "pt_BR.UTF-8" or "pt_BR@euro" (POSIX) → "pt-BR"; "C" and "POSIX" say nothing, so null. */
export function posixLocaleTag(raw: string | undefined): string | null {
  if (!raw || raw === 'C' || raw === 'POSIX' || raw.startsWith('C.')) return null;
  return raw.split(/[.@]/)[0]!.replace('_', '-');
}
