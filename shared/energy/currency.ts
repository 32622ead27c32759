/** The currency costs are shown in, and money formatting through Intl.NumberFormat. */
import { energyNumberOptions, formatInLocale } from './format-energy';

/** The ISO 4217 code to use: the setting, else BRL for a Brazilian locale, else USD. */
export function resolveCurrency(setting: string | null, locale: string | null | undefined): string {
  if (setting) return setting;
  if (locale && /^pt[-_]BR\b/i.test(locale)) return 'BRL';
  return 'USD';
}

/** Format an amount in a currency for a locale (en-US when the locale is unknown); cents, or two significant digits below them (R$ 0,0042). */
export function formatMoney(amount: number, currency: string, locale?: string | null): string {
  return formatInLocale(amount, locale, { style: 'currency', currency, ...energyNumberOptions(amount, 2) });
}
