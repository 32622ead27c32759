/** The `--since` window of a report, and the local calendar fields the ledger stores with each minute. */

/** Local calendar fields of an instant: the day ("YYYY-MM-DD"), minute of day and weekday (0 = Sunday). */
export function localParts(tMs: number): { day: string; minute: number; dow: number } {
  const d = new Date(tMs);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { day, minute: d.getHours() * 60 + d.getMinutes(), dow: d.getDay() };
}

/**
 * Start (Unix ms) of a `--since` window ending at `nowMs`: "today" (local midnight), or a number
 * followed by h or d ("24h", "7d", "30d"). Returns null when the text is not one of those.
 */
export function parseSince(text: string, nowMs: number): number | null {
  const t = text.trim().toLowerCase();
  if (t === 'today') {
    const d = new Date(nowMs);
    d.setHours(0, 0, 0, 0);
    return d.getTime();
  }
  const m = /^(\d+(?:\.\d+)?)\s*(h|d)$/.exec(t);
  if (!m) return null;
  const n = Number(m[1]);
  if (!(n > 0)) return null;
  return nowMs - n * (m[2] === 'h' ? 3_600_000 : 86_400_000);
}
