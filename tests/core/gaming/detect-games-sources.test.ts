import { describe, expect, it } from 'vitest';
import { createGameDetector, type GameDetectorOptions } from '../../../electron/core/gaming/detect-games';
import { defaultLibraryLocations, type LibraryFs } from '../../../electron/core/gaming/game-libraries';
import { UNNAMED_FULLSCREEN_GAME } from '../../../shared/gaming/game-name';
import { QUNS_BUSY, QUNS_RUNNING_D3D_FULL_SCREEN, type Win32Api } from '../../../electron/core/gaming/win32-binding';
import type { GpuProcess } from '../../../shared/hardware/sample';
import { defaultSettings } from '../../../shared/settings/schema';
import { windowsDriveFs } from './windows-drive-fs';

const GIB = 1024 ** 3;
const STEAM = 'C:\\Program Files (x86)\\Steam';
const LMS = 'C:\\Users\\ana\\AppData\\Local\\Programs\\LM Studio';

/** A Windows machine with these processes (pid, image path) and this shell state. */
function fakeWindows(
  processes: [number, string | null, string?][],
  state = 5,
  foreground: number | null = null,
): Win32Api {
  return {
    snapshotProcesses: () => processes.map(([pid, image, exe]) => ({ pid, exeFile: exe ?? image!.split('\\').pop()! })),
    imagePath: (pid) => processes.find(([p]) => p === pid)?.[1] ?? null,
    notificationState: () => state,
    foregroundPid: () => foreground,
  };
}

function windowsDetector(api: Win32Api, extra: Partial<GameDetectorOptions> = {}) {
  return createGameDetector({
    gamingSettings: () => defaultSettings().gaming,
    platform: 'win32',
    bindWin32: async () => api,
    libraryLocations: defaultLibraryLocations({ platform: 'win32', env: {}, homedir: 'C:\\Users\\ana' }),
    libraryFs: windowsDriveFs,
    ...extra,
  });
}

const desktop: [number, string | null, string?][] = [
  [0, null, '[System Process]'],
  [4, null, 'System'],
  [900, 'C:\\Windows\\explorer.exe'],
  [1000, `${STEAM}\\steam.exe`],
  [1001, `${STEAM}\\bin\\cef\\cef.win7x64\\steamwebhelper.exe`],
  [1100, 'C:\\Program Files (x86)\\Epic Games\\Launcher\\Portal\\Binaries\\Win64\\EpicGamesLauncher.exe'],
  [1200, `${LMS}\\LM Studio.exe`],
  [1201, 'C:\\Users\\ana\\.lmstudio\\bin\\lms.exe'],
  [1202, `${LMS}\\resources\\app\\.webpack\\bin\\node.exe`],
];

describe('createGameDetector on Windows (injected win32 and the fake drive tree)', () => {
  it('sees no game on a desktop with launchers and LM Studio running', async () => {
    expect(await windowsDetector(fakeWindows(desktop)).check()).toEqual({ games: [], complete: true, problems: [] });
  });

  it('names a game from the second Steam library, an Epic game and a GOG game by their store titles', async () => {
    const api = fakeWindows([
      ...desktop,
      [2000, 'D:\\SteamLibrary\\steamapps\\common\\Cyberpunk 2077\\bin\\x64\\Cyberpunk2077.exe'],
      [2100, 'E:\\Epic Games\\Fortnite\\FortniteGame\\Binaries\\Win64\\FortniteClient-Win64-Shipping.exe'],
      [2200, 'C:\\Program Files (x86)\\GOG Galaxy\\Games\\Witcher 3 Wild Hunt\\bin\\x64\\witcher3.exe'],
      [2300, 'D:\\XboxGames\\Forza Horizon 5\\Content\\ForzaHorizon5.exe'],
    ]);
    expect((await windowsDetector(api).check()).games).toEqual([
      { name: 'Cyberpunk 2077', exe: 'Cyberpunk2077.exe', pid: 2000, source: 'steam' },
      { name: 'Fortnite', exe: 'FortniteClient-Win64-Shipping.exe', pid: 2100, source: 'epic' },
      { name: 'The Witcher 3: Wild Hunt', exe: 'witcher3.exe', pid: 2200, source: 'gog' },
      { name: 'Forza Horizon 5', exe: 'ForzaHorizon5.exe', pid: 2300, source: 'xbox' },
    ]);
  });

  it("gives a listed game its Steam title, and shows a game's helper processes once", async () => {
    const elden = `${STEAM}\\steamapps\\common\\ELDEN RING\\Game`;
    const api = fakeWindows([
      ...desktop,
      [3000, `${elden}\\eldenring.exe`],
      [3001, `${elden}\\start_protected_game.exe`],
    ]);
    const detector = windowsDetector(api, {
      gamingSettings: () => ({ ...defaultSettings().gaming, processes: ['ELDENRING'] }),
    });
    expect((await detector.check()).games).toEqual([
      { name: 'ELDEN RING', exe: 'eldenring.exe', pid: 3000, source: 'list' },
    ]);
  });

  it('takes an exclusive-fullscreen window as a game, naming its process', async () => {
    const api = fakeWindows([...desktop, [4000, 'C:\\Games\\Doom\\doom.exe']], QUNS_RUNNING_D3D_FULL_SCREEN, 4000);
    expect((await windowsDetector(api).check()).games).toEqual([
      { name: 'doom.exe', exe: 'doom.exe', pid: 4000, source: 'fullscreen' },
    ]);
  });

  it('names an exclusive-fullscreen game whose process is unknown by a code, not by English text', async () => {
    const api = fakeWindows(desktop, QUNS_RUNNING_D3D_FULL_SCREEN, 9999);
    expect((await windowsDetector(api).check()).games).toEqual([
      { name: UNNAMED_FULLSCREEN_GAME, exe: '', pid: 9999, source: 'fullscreen' },
    ]);
  });

  it('takes a borderless fullscreen game, but not a fullscreen video in a browser nor LM Studio', async () => {
    const borderless = fakeWindows([...desktop, [4100, 'C:\\Games\\Hollow\\hollow_knight.exe']], QUNS_BUSY, 4100);
    expect((await windowsDetector(borderless).check()).games.map((g) => g.pid)).toEqual([4100]);
    const video = fakeWindows(
      [...desktop, [4200, 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe']],
      QUNS_BUSY,
      4200,
    );
    expect((await windowsDetector(video).check()).games).toEqual([]);
    const lmStudio = fakeWindows(desktop, QUNS_RUNNING_D3D_FULL_SCREEN, 1200);
    expect((await windowsDetector(lmStudio).check()).games).toEqual([]);
  });

  it('says so when the shell cannot be asked, keeping the other sources', async () => {
    const api = { ...fakeWindows([...desktop, [2000, 'D:\\SteamLibrary\\steamapps\\common\\Hades II\\Hades2.exe']]) };
    api.notificationState = () => {
      throw new Error('SHQueryUserNotificationState failed (HRESULT 0x80004005).');
    };
    const check = await windowsDetector(api).check();
    expect(check.games.map((g) => g.name)).toEqual(['Hades II']);
    expect(check.complete).toBe(false);
    expect(check.problems).toEqual([
      { source: 'fullscreen', detail: 'SHQueryUserNotificationState failed (HRESULT 0x80004005).' },
    ]);
  });

  it('says so when the Windows API cannot be loaded, without rejecting', async () => {
    const detector = windowsDetector(fakeWindows([]), {
      bindWin32: () => Promise.reject(new Error('koffi: cannot load kernel32.dll')),
    });
    const check = await detector.check();
    expect(check.complete).toBe(false);
    expect(check.problems[0]).toEqual({
      source: 'process-list',
      detail: 'Could not list processes: the Windows API could not be loaded (koffi: cannot load kernel32.dll).',
    });
  });

  it('reads the store folders once, and again only after the refresh time', async () => {
    let reads = 0;
    const countingFs: LibraryFs = { ...windowsDriveFs, readdir: (dir) => (reads++, windowsDriveFs.readdir(dir)) };
    let clock = 0;
    const detector = windowsDetector(fakeWindows(desktop), {
      libraryFs: countingFs,
      now: () => clock,
      libraryRefreshMs: 1000,
    });
    await detector.check();
    const firstScan = reads;
    expect(firstScan).toBeGreaterThan(0);
    clock = 999;
    await detector.check();
    expect(reads).toBe(firstScan);
    clock = 1000;
    await detector.check();
    expect(reads).toBe(firstScan * 2);
  });
});

describe('createGameDetector: the VRAM threshold', () => {
  const gpu = (pid: number, gib: number, name: string | null = null): GpuProcess => ({
    pid,
    name,
    gpuUuid: 'GPU-0',
    usedMemoryBytes: gib * GIB,
  });
  const processes = [
    { pid: 10, exe: 'blender', path: '/usr/bin/blender' },
    { pid: 11, exe: 'lms', path: '/home/ana/.lmstudio/bin/lms' },
    { pid: 12, exe: 'node', path: '/opt/LM Studio/resources/node' },
    { pid: 13, exe: 'firefox', path: '/usr/lib/firefox/firefox' },
  ];
  const detector = (threshold: number | null, holders: GpuProcess[] | null) =>
    createGameDetector({
      gamingSettings: () => ({ ...defaultSettings().gaming, vramThresholdGiB: threshold }),
      platform: 'linux',
      listProcesses: async () => processes,
      libraryLocations: { steamRoots: [], epicManifestDirs: [], gogRoots: [], xboxRoots: [] },
      gpuProcesses: () => holders,
    });

  it('reports a non-LM-Studio process over the threshold, summed over GPUs', async () => {
    const holders = [gpu(10, 3), { ...gpu(10, 3.5), gpuUuid: 'GPU-1' }, gpu(11, 20), gpu(12, 9), gpu(13, 0.4)];
    expect((await detector(6, holders).check()).games).toEqual([
      { name: 'blender', exe: 'blender', pid: 10, source: 'vram' },
    ]);
  });

  it('names a holder the process list does not know by the GPU reader’s path', async () => {
    const check = await detector(6, [gpu(77, 8, 'C:\\Games\\Tarkov\\EscapeFromTarkov.exe')]).check();
    expect(check.games).toEqual([
      { name: 'EscapeFromTarkov.exe', exe: 'EscapeFromTarkov.exe', pid: 77, source: 'vram' },
    ]);
  });

  it('ignores VRAM when the threshold is off, or when the hardware service has no per-process reading', async () => {
    expect((await detector(null, [gpu(10, 12)]).check()).games).toEqual([]);
    expect((await detector(6, null).check()).games).toEqual([]);
  });
});
