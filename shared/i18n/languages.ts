/** Which UI language to use: the setting when explicit, else the OS/browser locale. */
export type UiLanguage = 'en' | 'pt-BR';
export const UI_LANGUAGES: readonly UiLanguage[] = ['en', 'pt-BR'];

/**
 * Resolve the UI language from the setting and the locales the OS reports (most preferred first).
 * Any Portuguese locale picks pt-BR, the only Portuguese catalog; anything else falls back to English.
 */
export function resolveUiLanguage(setting: 'auto' | UiLanguage | undefined, locales: readonly string[]): UiLanguage {
  if (setting === 'en' || setting === 'pt-BR') return setting;
  for (const locale of locales) {
    const lower = locale.toLowerCase();
    if (lower.startsWith('pt')) return 'pt-BR';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
