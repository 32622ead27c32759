/** The currency costs are shown in, and money formatting through Intl.NumberFormat. */
import { energyNumberOptions, formatInLocale } from './format-energy';

// Lives with the locale (which i18n resolves without importing energy); re-exported for the energy callers.
export { resolveCurrency } from '../i18n/locale-currency';

/** Format an amount in a currency for a locale (en-US when the locale is unknown); cents, or two significant digits below them (R$ 0,0042). */
export function formatMoney(amount: number, currency: string, locale?: string | null): string {
  return formatInLocale(amount, locale, { style: 'currency', currency, ...energyNumberOptions(amount, 2) });
}
