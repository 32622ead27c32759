/**
 * Tokens of nvidia-smi's `--format=csv,noheader,nounits` output. The driver prints `[N/A]`,
 * `[Not Supported]`, `[Unknown Error]`, `[Requested functionality has been deprecated]` … for
 * values it cannot give; all of them become null here. Nothing in this file throws.
 */

/** nvidia-smi separates values with a comma and a space, so a decimal comma ("78,04") stays inside its token. */
export function splitSmiLine(line: string): string[] {
  return line.replace(/\r$/, '').split(', ');
}

/** True for the bracketed "no value" markers (`[N/A]`, `[Not Supported]`, …) and for a bare `N/A`. */
export function isSmiMissing(token: string): boolean {
  const t = token.trim();
  return t === '' || t.startsWith('[') || t === 'N/A';
}

/** A number from one token: null when missing or unparsable; a decimal comma and a trailing unit (`78.04 W`) are tolerated. */
export function parseSmiNumber(token: string | undefined): number | null {
  if (token === undefined || isSmiMissing(token)) return null;
  const match = /^(-?\d+(?:[.,]\d+)?)(?:\s*[A-Za-z%]+)?$/.exec(token.trim());
  if (!match?.[1]) return null;
  const value = Number(match[1].replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** A text value from one token, or null when missing. */
export function parseSmiText(token: string | undefined): string | null {
  if (token === undefined || isSmiMissing(token)) return null;
  return token.trim();
}

/**
 * nvidia-smi's `timestamp` column (`YYYY/MM/DD HH:MM:SS.mmm`, local wall-clock time) as an ISO
 * string, or null when it does not look like one. The local time zone is the machine's own,
 * which is also nvidia-smi's.
 */
export function parseSmiTimestamp(token: string | undefined): string | null {
  if (token === undefined) return null;
  const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(token.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const date = new Date(y, mo - 1, d, h, mi, s, ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Split one CSV line into the named columns, or null when the column count is wrong (junk, Xid messages, a torn line). */
export function readSmiRow(line: string, fields: readonly string[]): Record<string, string> | null {
  if (line.trim() === '') return null;
  const tokens = splitSmiLine(line);
  if (tokens.length !== fields.length) return null;
  const row: Record<string, string> = {};
  fields.forEach((field, i) => {
    row[field] = tokens[i] ?? '';
  });
  return row;
}
