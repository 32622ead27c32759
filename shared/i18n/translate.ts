/**
 * Translation outside React (CLI tables, tray, notifications, core messages): the same i18next and the
 * same catalogs the windows use, one instance per language, created on first use.
 */
import i18next, { type i18n } from 'i18next';
import { en } from './en';
import type { UiLanguage } from './languages';
import { ptBR } from './pt-br';

/** Look a catalog key up ("namespace.key") and fill its {{placeholders}}. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** i18next resources: one catalog per language. */
export const I18N_RESOURCES = { en: { translation: en }, 'pt-BR': { translation: ptBR } } as const;

const instances = new Map<UiLanguage, i18n>();

/** The translate function for a language. */
export function translator(language: UiLanguage): Translate {
  let instance = instances.get(language);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      resources: I18N_RESOURCES,
      lng: language,
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
    instances.set(language, instance);
  }
  const t = instance.t.bind(instance) as unknown as (key: string, params?: Record<string, unknown>) => string;
  return (key, params) => t(key, params);
}
