/** The currency costs are shown in, and money formatting through Intl.NumberFormat. */

/** The ISO 4217 code to use: the setting, else BRL for a Brazilian locale, else USD. */
export function resolveCurrency(setting: string | null, locale: string | null | undefined): string {
  if (setting) return setting;
  if (locale && /^pt[-_]BR\b/i.test(locale)) return 'BRL';
  return 'USD';
}

/** Format an amount in a currency for a locale (falls back to en-US when the locale is unknown). */
export function formatMoney(amount: number, currency: string, locale?: string | null): string {
  const options: Intl.NumberFormatOptions = { style: 'currency', currency, maximumFractionDigits: Math.abs(amount) < 1 && amount !== 0 ? 4 : 2 };
  try {
    return new Intl.NumberFormat(locale ?? 'en-US', options).format(amount);
  } catch {
    return new Intl.NumberFormat('en-US', options).format(amount);
  }
}
