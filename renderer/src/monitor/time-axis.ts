/**
 * The live charts' time axis: short tick labels, and ticks far enough apart that labels never touch.
 * English "12:20:00 AM" labels used to run together ("12:20:00 AM12:20:30 AM…") at a fixed 70 px spacing.
 */

/** Below an hour between ticks, AM/PM is dropped: the window is minutes wide, so it adds width, not meaning. */
const DAY_PERIOD_FROM_SECONDS = 3600;

/** Tick label for `seconds` (Unix) when ticks are `incrementSeconds` apart: "12:20:30", "00:20", "1:00 PM". */
export function timeTickLabel(seconds: number, incrementSeconds: number, locale: string | undefined): string {
  const safeLocale = Intl.DateTimeFormat.supportedLocalesOf(locale ?? []).length > 0 ? locale : 'en-US';
  // 24-hour locales keep "00:20" (as their clocks show it); 12-hour ones write "12:20", "1:05".
  const twelveHour = new Intl.DateTimeFormat(safeLocale, { hour: 'numeric' }).resolvedOptions().hour12 === true;
  const hour = twelveHour ? 'numeric' : '2-digit';
  const options: Intl.DateTimeFormatOptions =
    incrementSeconds < 60 ? { hour, minute: '2-digit', second: '2-digit' } : { hour, minute: '2-digit' };
  const parts = new Intl.DateTimeFormat(safeLocale, options).formatToParts(new Date(seconds * 1000));
  const keepDayPeriod = incrementSeconds >= DAY_PERIOD_FROM_SECONDS;
  return parts
    .filter((p) => keepDayPeriod || p.type !== 'dayPeriod')
    .map((p) => p.value)
    .join('')
    .trim();
}

/**
 * Minimum pixels between time ticks for a window from `minSeconds` to `maxSeconds`: the widest label the
 * window can show (with seconds when it is short) measured by `measure`, plus a gap.
 */
export function timeTickSpace(
  minSeconds: number,
  maxSeconds: number,
  locale: string | undefined,
  measure: (text: string) => number,
  gapPx = 16,
): number {
  const shortWindow = maxSeconds - minSeconds <= 20 * 60;
  // 12:59:59 / 23:59:59 are among the widest labels in any locale.
  const widest = new Date(2026, 0, 1, 23, 59, 59).getTime() / 1000;
  const label = timeTickLabel(widest, shortWindow ? 1 : DAY_PERIOD_FROM_SECONDS, locale);
  return Math.ceil(measure(label)) + gapPx;
}
