/** Locale-aware number formatting for the UI (Intl), with an em dash for unknown values. */

const DASH = '—';

/** Format a number with fixed fraction digits in the UI language, or a dash when unknown. */
export function formatNumber(value: number | null | undefined, language: string, digits = 0): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value,
  );
}

/** Bytes as GiB with one decimal ("21.4 GiB"), or a dash. */
export function formatBytesGiB(bytes: number | null | undefined, language: string): string {
  if (bytes == null || !Number.isFinite(bytes)) return DASH;
  return `${formatNumber(bytes / 1024 ** 3, language, 1)} GiB`;
}

/** Token counts as "32k" / "128k", or a dash. */
export function formatContext(tokens: number | null | undefined): string {
  if (tokens == null) return DASH;
  return tokens >= 1024 ? `${Math.round(tokens / 1024)}k` : String(tokens);
}
