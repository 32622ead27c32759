/**
 * Money in the window's locale: the currency comes from the same resolver as the core's (energy.currency,
 * else the language's), applied to the language this window shows, so a pt-BR page never prints "US$"
 * because the server process runs in English (loadout serve on another machine, or a different LANG).
 */
import { useTranslation } from 'react-i18next';
import type { Money } from '../../../shared/contract/common';
import { formatMoney } from '../../../shared/energy/currency';
import type { UiLanguage } from '../../../shared/i18n/languages';
import { resolveUserLocale } from '../../../shared/i18n/user-locale';
import { useAppStore } from '../store/store-context';

/** A formatter for amounts the core priced; the amount is the tariff's number, so only its label follows the window. */
export function useMoney(): (money: Money) => string {
  const { i18n } = useTranslation();
  const currencySetting = useAppStore((s) => s.settings?.energy.currency ?? null);
  const language = (i18n.language === 'pt-BR' ? 'pt-BR' : 'en') satisfies UiLanguage;
  const { currency } = resolveUserLocale({ ui: { language }, energy: { currency: currencySetting } }, []);
  return (money) => formatMoney(money.amount, currency, language);
}
