/** i18next for the renderer: both catalogs bundled (they are small), the language resolved from setting + locale. */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '../../../shared/i18n/en';
import { ptBR } from '../../../shared/i18n/pt-br';
import { resolveUiLanguage, type UiLanguage } from '../../../shared/i18n/languages';

/** The browser's preferred locales, most preferred first. */
export function browserLocales(): string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? [...navigator.languages] : navigator.language ? [navigator.language] : [];
}

/** Create and initialise an i18next instance in `language` (a new one per window or test). */
export function createI18n(language: UiLanguage): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { en: { translation: en }, 'pt-BR': { translation: ptBR } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes.
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

/** Switch `instance` to the language the setting and the locales pick; also sets <html lang>. */
export function applyLanguage(instance: i18n, setting: 'auto' | UiLanguage, locales: readonly string[]): UiLanguage {
  const language = resolveUiLanguage(setting, locales);
  if (instance.language !== language) void instance.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return language;
}
