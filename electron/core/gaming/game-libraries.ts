/**
 * Games found by where they are installed (issue 19): every Steam library (from libraryfolders.vdf),
 * Epic's install manifests, GOG's and the Xbox app's game folders. Read once and refreshed rarely by
 * the detector; a store that is not installed is simply absent, never an error.
 */
import path from 'node:path';
import { readdir, readFile } from 'node:fs/promises';
import { parseAppManifest, parseLibraryFolders } from './steam-library-folders';

export type GameStore = 'steam' | 'epic' | 'gog' | 'xbox';

export interface InstalledGame {
  store: GameStore;
  /** The game's own folder; any process whose executable lies under it is this game. */
  folder: string;
  /** The store title when it names one, else the folder name. */
  title: string;
}

/** Where each store keeps its games on this machine. */
export interface LibraryLocations {
  /** Steam install folders; each has steamapps/libraryfolders.vdf naming the other libraries. */
  steamRoots: string[];
  /** Folders of Epic's *.item manifests (InstallLocation + DisplayName). */
  epicManifestDirs: string[];
  /** Folders whose sub-folders are GOG games (each with a goggame-<id>.info naming it). */
  gogRoots: string[];
  /** XboxGames folders (one per drive the Xbox app installs to). */
  xboxRoots: string[];
}

export interface LibraryFs {
  readdir(dir: string): Promise<string[]>;
  readFile(file: string): Promise<string>;
}

const nodeLibraryFs: LibraryFs = { readdir: (dir) => readdir(dir), readFile: (file) => readFile(file, 'utf8') };

export interface LocationContext {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
}

/** The stores' default folders for a platform; Windows paths are built with path.win32 whatever the host. */
export function defaultLibraryLocations({ platform, env, homedir }: LocationContext): LibraryLocations {
  if (platform === 'win32') {
    const w = path.win32;
    const x86 = env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)';
    const programFiles = env.ProgramFiles ?? 'C:\\Program Files';
    const programData = env.ProgramData ?? 'C:\\ProgramData';
    const systemDrive = env.SystemDrive ?? 'C:';
    // The Xbox app installs to <drive>:\XboxGames on whichever drive the user picks.
    const drives = 'CDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((letter) => `${letter}:\\`);
    return {
      steamRoots: [w.join(x86, 'Steam'), w.join(programFiles, 'Steam')],
      epicManifestDirs: [w.join(programData, 'Epic', 'EpicGamesLauncher', 'Data', 'Manifests')],
      gogRoots: [w.join(x86, 'GOG Galaxy', 'Games'), w.join(`${systemDrive}\\`, 'GOG Games')],
      xboxRoots: drives.map((drive) => w.join(drive, 'XboxGames')),
    };
  }
  const p = path.posix;
  return {
    steamRoots: [
      p.join(homedir, '.local', 'share', 'Steam'),
      p.join(homedir, '.steam', 'steam'),
      p.join(homedir, '.var', 'app', 'com.valvesoftware.Steam', '.local', 'share', 'Steam'),
    ],
    epicManifestDirs: [],
    gogRoots: [],
    xboxRoots: [],
  };
}

/** Steam's tools live under steamapps/common too, but they are runtimes, not games. */
const STEAM_TOOLS = /^(steamworks shared|proton\b.*|steamlinuxruntime.*|steam linux runtime.*|steamvr)$/i;

/** Every installed game the stores record; unreadable folders and files are skipped. */
export async function findInstalledGames(
  locations: LibraryLocations,
  pathApi: path.PlatformPath,
  fs: LibraryFs = nodeLibraryFs,
): Promise<InstalledGame[]> {
  const list = (dir: string) => fs.readdir(dir).catch(() => [] as string[]);
  const read = (file: string) => fs.readFile(file).catch(() => null);
  const found: InstalledGame[] = [];

  const libraries = new Set<string>();
  for (const root of locations.steamRoots) {
    const vdf = await read(pathApi.join(root, 'steamapps', 'libraryfolders.vdf'));
    if (vdf === null) continue;
    libraries.add(root);
    for (const folder of parseLibraryFolders(vdf)) libraries.add(folder);
  }
  for (const library of libraries) {
    const steamapps = pathApi.join(library, 'steamapps');
    const common = pathApi.join(steamapps, 'common');
    const titles = new Map<string, string>();
    for (const file of await list(steamapps)) {
      if (!/^appmanifest_\d+\.acf$/i.test(file)) continue;
      const manifest = parseAppManifest((await read(pathApi.join(steamapps, file))) ?? '');
      if (manifest) titles.set(manifest.installdir.toLowerCase(), manifest.name);
    }
    for (const dir of await list(common)) {
      if (STEAM_TOOLS.test(dir)) continue;
      found.push({ store: 'steam', folder: pathApi.join(common, dir), title: titles.get(dir.toLowerCase()) ?? dir });
    }
  }

  for (const dir of locations.epicManifestDirs) {
    for (const file of await list(dir)) {
      if (!/\.item$/i.test(file)) continue;
      const item = parseJson((await read(pathApi.join(dir, file))) ?? '');
      const folder = item?.InstallLocation;
      if (typeof folder !== 'string' || folder === '') continue;
      const name = item?.DisplayName;
      found.push({
        store: 'epic',
        folder,
        title: typeof name === 'string' && name !== '' ? name : pathApi.basename(folder),
      });
    }
  }

  for (const root of locations.gogRoots) {
    for (const dir of await list(root)) {
      const folder = pathApi.join(root, dir);
      const info = (await list(folder)).find((f) => /^goggame-\d+\.info$/i.test(f));
      const name = info ? parseJson((await read(pathApi.join(folder, info))) ?? '')?.name : undefined;
      found.push({ store: 'gog', folder, title: typeof name === 'string' && name !== '' ? name : dir });
    }
  }

  for (const root of locations.xboxRoots) {
    for (const dir of await list(root)) found.push({ store: 'xbox', folder: pathApi.join(root, dir), title: dir });
  }
  return dedupeFolders(found);
}

/** Installed games with their folders normalized once, so a pass compares plain strings. */
export interface InstalledGameIndex {
  games: InstalledGame[];
  /** Deepest folders first, so the first prefix found is the best. */
  folders: { prefix: string; game: InstalledGame }[];
}

/** Index the games for `matchInstalledGame`; built once per library scan, not once per pass. */
export function indexInstalledGames(games: InstalledGame[]): InstalledGameIndex {
  const folders = games
    .map((game) => ({ prefix: `${comparablePath(game.folder)}/`, game }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return { games, folders };
}

/**
 * The installed game an executable belongs to, the deepest folder winning. Paths compare
 * case-insensitively with either slash; Wine's Z: drive (Proton games on Linux) is the root.
 */
export function matchInstalledGame(index: InstalledGameIndex, executablePath: string): InstalledGame | null {
  const target = comparablePath(executablePath);
  return index.folders.find((f) => target.startsWith(f.prefix))?.game ?? null;
}

function comparablePath(p: string): string {
  return p
    .replace(/\\/g, '/')
    .replace(/^z:(?=\/)/i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

function dedupeFolders(games: InstalledGame[]): InstalledGame[] {
  const seen = new Set<string>();
  return games.filter((g) => {
    const key = comparablePath(g.folder);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
