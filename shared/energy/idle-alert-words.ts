/**
 * The idle alert in words: the core sends the figures (contract IdleAlertWords) and each face (the
 * monitor window, the tray notification) words them from the `idleAlert` catalog in its own language,
 * with its own number and money format. The core's English `message` comes from here too.
 */
import type { Translate } from '../i18n/translate';
import { localPresetName } from '../presets/builtin-preset-name';
import { formatMoney } from './currency';
import { formatInLocale, formatKWh } from './format-energy';

/** What the sentence says, as the watchdog measured it. */
export interface IdleAlertFigures {
  /** The GPU's name, else its key. */
  gpu: string;
  /** Average draw over the episode, the excess above the baseline, and the baseline (W). */
  watts: number;
  excessW: number;
  baselineW: number;
  /** How long the excess lasted before the alert (the watchdog's setting). */
  minutes: number;
  kWhPerDay: number;
  /** null without a tariff: the sentence says where to set one. */
  costPerDay: { amount: number; currency: string } | null;
  /** The preset that unloads everything (Gaming), named in the face's language when it is an unrenamed built-in. */
  preset: { id: string; name: string; builtIn: boolean };
}

/** The alert's sentence in the language of `t`, numbers and money in `locale` (a BCP 47 tag). */
export function wordIdleAlert(f: IdleAlertFigures, t: Translate, locale: string): string {
  const watts = (w: number) => formatInLocale(w, locale, { maximumFractionDigits: 1 });
  const energy = formatKWh(f.kWhPerDay, locale);
  const perDay =
    f.costPerDay === null
      ? t('idleAlert.perDayNoTariff', { energy })
      : t('idleAlert.perDay', { energy, cost: formatMoney(f.costPerDay.amount, f.costPerDay.currency, locale) });
  return t('idleAlert.message', {
    gpu: f.gpu,
    watts: watts(f.watts),
    minutes: f.minutes,
    excess: watts(f.excessW),
    baseline: watts(f.baselineW),
    perDay,
    preset: localPresetName(f.preset, t),
  });
}
