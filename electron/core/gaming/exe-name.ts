/** Executable names compared the way Windows does: case-insensitive, with ".exe" optional. */

/** "EldenRing.EXE", "eldenring" → "eldenring". */
export function normalizeExeName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/\.exe$/, '');
}
