/** How the delegation totals are written in the tray and the monitor: compact token counts and the saving. */
import { formatInLocale } from '../energy/format-energy';

/** "850", "1.5k", "61k", "1.2M" in `locale` (the spec's "61k tokens" in both languages). */
export function formatTokenCount(tokens: number, locale: string | null | undefined): string {
  if (tokens < 1000) return formatInLocale(Math.round(tokens), locale, { maximumFractionDigits: 0 });
  if (tokens < 1e6)
    return `${formatInLocale(tokens / 1000, locale, { maximumFractionDigits: tokens < 10_000 ? 1 : 0 })}k`;
  return `${formatInLocale(tokens / 1e6, locale, { maximumFractionDigits: 1 })}M`;
}
