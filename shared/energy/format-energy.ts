/**
 * How every energy figure is written (kWh, Wh, CO2e, and money through currency.ts): the usual fixed
 * decimals, except that a small amount keeps two significant digits instead of rounding to nothing
 * (0.074 g, not "0 g"; 0.0031 kWh, not "0.00 kWh"). One formatter, so the CLI, the windows, the tray
 * and the notifications agree.
 */

/**
 * Intl options for `value`: `fractionDigits` decimals, or two significant digits when those decimals would
 * show fewer than two of them (0.074 with 0 decimals, 0.0042 with 2). Zero stays "0.00".
 */
export function energyNumberOptions(value: number, fractionDigits: number): Intl.NumberFormatOptions {
  const small = value !== 0 && Math.abs(value) < 10 ** (1 - fractionDigits);
  return small
    ? { maximumSignificantDigits: 2 }
    : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits };
}

/** A number in `locale` (en-US when the locale is unknown) with `options`. */
export function formatInLocale(
  value: number,
  locale: string | null | undefined,
  options: Intl.NumberFormatOptions,
): string {
  try {
    return new Intl.NumberFormat(locale ?? 'en-US', options).format(value);
  } catch {
    return new Intl.NumberFormat('en-US', options).format(value);
  }
}

/** An energy amount without its unit: "1.23", "0.0031", in `locale`; `grouping` off for tables that align columns. */
export function formatEnergyNumber(
  value: number,
  locale: string | null | undefined,
  fractionDigits = 2,
  grouping = true,
): string {
  return formatInLocale(value, locale, { ...energyNumberOptions(value, fractionDigits), useGrouping: grouping });
}

/** "1.23 kWh", "0.0031 kWh". */
export function formatKWh(kWh: number, locale: string | null | undefined, fractionDigits = 2): string {
  return `${formatEnergyNumber(kWh, locale, fractionDigits)} kWh`;
}

/** "12 Wh", "0.42 Wh" (answers and benchmark runs are a few Wh or less). */
export function formatWh(wh: number, locale: string | null | undefined): string {
  return `${formatEnergyNumber(wh, locale, 0)} Wh`;
}

/** CO2e in grams, or kilograms from 1000 g: "12 g", "0.074 g", "1.25 kg". */
export function formatCo2(grams: number, locale: string | null | undefined): string {
  return grams >= 1000
    ? `${formatEnergyNumber(grams / 1000, locale, 2)} kg`
    : `${formatEnergyNumber(grams, locale, 0)} g`;
}
