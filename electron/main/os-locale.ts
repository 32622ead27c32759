/**
 * The OS locale the app hands to the one locale source (shared/i18n/user-locale.ts). Windows sets no
 * LANG, and app.getLocale() is Chromium's UI language (the Windows display language), while the number,
 * date and currency formats people chose live in the region setting, which app.getSystemLocale() reads:
 * an English Windows set to Brazil formats "1.234,56" and pays in BRL.
 */
import type { App } from 'electron';

/** The regional-format locale, else the UI language, else English. */
export function appOsLocale(app: Pick<App, 'getSystemLocale' | 'getLocale'>): string {
  return app.getSystemLocale() || app.getLocale() || 'en';
}
