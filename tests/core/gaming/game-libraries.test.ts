import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultLibraryLocations,
  findInstalledGames,
  indexInstalledGames,
  matchInstalledGame,
  type InstalledGame,
} from '../../../electron/core/gaming/game-libraries';
import { parseAppManifest, parseLibraryFolders } from '../../../electron/core/gaming/steam-library-folders';
import { windowsDriveFs } from './windows-drive-fs';

const windowsLocations = defaultLibraryLocations({ platform: 'win32', env: {}, homedir: 'C:\\Users\\ana' });

describe('Steam records', () => {
  it('read every library folder from libraryfolders.vdf, unescaping the backslashes', () => {
    const vdf =
      '"libraryfolders"\n{\n\t"0"\n\t{\n\t\t"path"\t\t"C:\\\\Steam"\n\t}\n\t"1"\n\t{\n\t\t"path"\t\t"D:\\\\SteamLibrary"\n\t}\n}\n';
    expect(parseLibraryFolders(vdf)).toEqual(['C:\\Steam', 'D:\\SteamLibrary']);
  });

  it('read the flat libraryfolders.vdf of Steam before 2021 too', () => {
    const old =
      '"LibraryFolders"\n{\n\t"TimeNextStatsReport"\t\t"1612345678"\n\t"ContentStatsID"\t\t"-123"\n\t"1"\t\t"E:\\\\Games"\n}\n';
    expect(parseLibraryFolders(old)).toEqual(['E:\\Games']);
  });

  it('answer nothing for a file that is not one, without throwing', () => {
    expect(parseLibraryFolders('{ broken')).toEqual([]);
    expect(parseAppManifest('"AppState"\n{\n\t"name"\t\t"No folder"\n}\n')).toBeNull();
  });

  it('keep a digit-only title as text', () => {
    expect(parseAppManifest('"AppState"\n{\n\t"name"\t\t"1979"\n\t"installdir"\t\t"1979 Revolution"\n}\n')).toEqual({
      installdir: '1979 Revolution',
      name: '1979',
    });
  });
});

describe('findInstalledGames on the fake Windows tree', () => {
  it('finds Steam games in both library folders, Epic, GOG and Xbox, with their titles, and skips Steam tools', async () => {
    const games = await findInstalledGames(windowsLocations, path.win32, windowsDriveFs);
    expect(games).toEqual([
      { store: 'steam', folder: 'C:\\Program Files (x86)\\Steam\\steamapps\\common\\ELDEN RING', title: 'ELDEN RING' },
      { store: 'steam', folder: 'D:\\SteamLibrary\\steamapps\\common\\Cyberpunk 2077', title: 'Cyberpunk 2077' },
      { store: 'steam', folder: 'D:\\SteamLibrary\\steamapps\\common\\Hades II', title: 'Hades II' },
      { store: 'epic', folder: 'E:\\Epic Games\\Fortnite', title: 'Fortnite' },
      {
        store: 'gog',
        folder: 'C:\\Program Files (x86)\\GOG Galaxy\\Games\\Witcher 3 Wild Hunt',
        title: 'The Witcher 3: Wild Hunt',
      },
      { store: 'xbox', folder: 'D:\\XboxGames\\Forza Horizon 5', title: 'Forza Horizon 5' },
    ]);
  });

  it('finds nothing, without an error, where no store is installed', async () => {
    const nowhere = {
      steamRoots: ['Q:\\Steam'],
      epicManifestDirs: ['Q:\\Epic'],
      gogRoots: [],
      xboxRoots: ['Q:\\XboxGames'],
    };
    expect(await findInstalledGames(nowhere, path.win32, windowsDriveFs)).toEqual([]);
  });
});

describe('matchInstalledGame', () => {
  const games = indexInstalledGames([
    { store: 'steam', folder: 'D:\\SteamLibrary\\steamapps\\common\\Cyberpunk 2077', title: 'Cyberpunk 2077' },
    { store: 'steam', folder: '/home/ana/.local/share/Steam/steamapps/common/ELDEN RING', title: 'ELDEN RING' },
    { store: 'xbox', folder: 'D:\\XboxGames', title: 'XboxGames' },
    { store: 'xbox', folder: 'D:\\XboxGames\\Forza Horizon 5', title: 'Forza Horizon 5' },
  ] satisfies InstalledGame[]);

  it('matches an executable under a game folder whatever the case, and the deepest folder wins', () => {
    expect(
      matchInstalledGame(games, 'd:\\steamlibrary\\STEAMAPPS\\common\\cyberpunk 2077\\bin\\x64\\Cyberpunk2077.exe')
        ?.title,
    ).toBe('Cyberpunk 2077');
    expect(matchInstalledGame(games, 'D:\\XboxGames\\Forza Horizon 5\\Content\\ForzaHorizon5.exe')?.title).toBe(
      'Forza Horizon 5',
    );
  });

  it('matches a Proton game by its Wine Z: path on Linux', () => {
    const proton = 'Z:\\home\\ana\\.local\\share\\Steam\\steamapps\\common\\ELDEN RING\\Game\\eldenring.exe';
    expect(matchInstalledGame(games, proton)?.title).toBe('ELDEN RING');
  });

  it('does not match a sibling folder that only shares the prefix', () => {
    expect(matchInstalledGame(games, 'D:\\SteamLibrary\\steamapps\\common\\Cyberpunk 2077 Mods\\tool.exe')).toBeNull();
  });
});
