/** Which currency a locale implies; part of the user's locale (user-locale.ts), used by energy's money formats. */

/** The ISO 4217 code to use: the setting, else BRL for a Brazilian locale, else USD. */
export function resolveCurrency(setting: string | null, locale: string | null | undefined): string {
  if (setting) return setting;
  if (locale && /^pt[-_]BR\b/i.test(locale)) return 'BRL';
  return 'USD';
}
