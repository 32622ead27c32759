/**
 * Text NVML hands back in a char buffer. Names and versions are ASCII, but process names are paths, and
 * on Windows NVML fills them in the ANSI code page (Windows-1252 for pt-BR and en-US), not UTF-8:
 * `C:\Users\João\…` arrives as 0xE3 for "ã". Decoding that as UTF-8 would print U+FFFD.
 */

/** Bytes for a process name: Windows allows paths of up to 32,767 characters, each up to 3 bytes. */
export const NVML_PROCESS_NAME_BYTES = 32_767 * 3 + 1;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const ansi = new TextDecoder('windows-1252');

/** The NUL-terminated text in `bytes`: UTF-8 when it is valid UTF-8, else Windows-1252; null when empty. Never throws. */
export function decodeNvmlText(bytes: Uint8Array): string | null {
  const end = bytes.indexOf(0);
  const body = bytes.subarray(0, end >= 0 ? end : bytes.length);
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    text = ansi.decode(body);
  }
  text = text.trim();
  return text === '' ? null : text;
}
