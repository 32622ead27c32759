/**
 * Reads the bytes of a text file the way people's tools write them. Windows PowerShell 5.1 redirects
 * output (`loadout presets export dev > dev.json`) as UTF-16LE with a BOM, Notepad may add a UTF-8 BOM,
 * and some editors save UTF-16BE: a file that round-trips through any of these must read back as written.
 */

/** The text, or why the bytes are not text we can read: `not-text` (invalid UTF-8/UTF-16), `cut-short` (odd-length UTF-16); `reason` in English for the CLI. */
export type DecodedText =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' }
  | { ok: false; problem: 'not-text' | 'cut-short'; reason: string };

/** Decodes by byte-order mark (UTF-8, UTF-16LE, UTF-16BE), else as strict UTF-8; never throws. */
export function decodeTextFile(bytes: Uint8Array): DecodedText {
  const [b0, b1, b2] = bytes;
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
  let start = 0;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) start = 3;
  else if (b0 === 0xff && b1 === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (b0 === 0xfe && b1 === 0xff) [encoding, start] = ['utf-16be', 2];
  const body = bytes.subarray(start);
  if (encoding !== 'utf-8' && body.length % 2 !== 0) {
    return {
      ok: false,
      problem: 'cut-short',
      reason: `it starts with a ${encoding.toUpperCase()} byte-order mark but has an odd number of bytes, so it is cut short or damaged. Export it again.`,
    };
  }
  try {
    // ignoreBOM: the mark was already skipped above; a second one would be content.
    return { ok: true, text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body), encoding };
  } catch {
    return {
      ok: false,
      problem: 'not-text',
      reason: `it is not valid ${encoding.toUpperCase()} text. Save it as UTF-8 (or UTF-16 with a byte-order mark) and try again.`,
    };
  }
}
