/**
 * Steam's own records of where games are: `steamapps/libraryfolders.vdf` lists every library folder
 * (one per drive the user chose), and each library's `appmanifest_<id>.acf` names a game's folder
 * under `steamapps/common` and its title. Both are Valve KeyValues text, read with @node-steam/vdf.
 */
import { parse } from '@node-steam/vdf';

/** The library folders in a libraryfolders.vdf text; [] for a text that is not one (never throws). */
export function parseLibraryFolders(text: string): string[] {
  const parsed = parseKeyValues(text) ?? {};
  // Files before 2021 spell the root "LibraryFolders" and mix in non-folder keys such as "TimeNextStatsReport".
  const root = Object.entries(parsed).find(([key]) => key.toLowerCase() === 'libraryfolders')?.[1];
  if (!isRecord(root)) return [];
  const paths: string[] = [];
  for (const [key, entry] of Object.entries(root)) {
    if (!/^\d+$/.test(key)) continue;
    // Current files: "0" { "path" "D:\\SteamLibrary" … }; files before 2021: "1" "D:\\SteamLibrary".
    const folder = unescapeValue(isRecord(entry) ? entry.path : entry);
    if (folder !== null && folder.trim() !== '') paths.push(folder);
  }
  return paths;
}

export interface SteamAppManifest {
  /** The folder name under steamapps/common. */
  installdir: string;
  /** The store title ("ELDEN RING"). */
  name: string;
}

/** The install folder and title in an appmanifest_<id>.acf text; null for a text that is not one. */
export function parseAppManifest(text: string): SteamAppManifest | null {
  const state = parseKeyValues(text)?.AppState;
  if (!isRecord(state)) return null;
  const installdir = unescapeValue(state.installdir);
  const name = unescapeValue(state.name);
  if (installdir === null || installdir === '') return null;
  return { installdir, name: name !== null && name !== '' ? name : installdir };
}

function parseKeyValues(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = parse(text);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * A value as the file wrote it: the parser leaves KeyValues escapes in place ("D:\\\\Games") and turns
 * digit-only values into numbers (a game titled "1979"), so both are undone here.
 */
function unescapeValue(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value.replace(/\\(["\\])/g, '$1') : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
