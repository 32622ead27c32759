/**
 * One detection pass over every source (issue 19): the user's list, the stores' install folders,
 * VRAM holders and, on Windows, the shell's fullscreen signal. Each capability is injectable so tests
 * run the Windows branches here; a failing source becomes a problem in the answer, never a rejection.
 */
import os from 'node:os';
import path from 'node:path';
import type { GameDetectionProblem } from '../../../shared/contract/gaming';
import type { GpuProcess } from '../../../shared/hardware/sample';
import { normalizeExeName } from './exe-name';
import { readFullscreenGame } from './fullscreen-state';
import type { GameCheck, GameDetector, GamingSettings, RunningGame } from './game-check';
import {
  defaultLibraryLocations,
  findInstalledGames,
  indexInstalledGames,
  matchInstalledGame,
  type InstalledGameIndex,
  type LibraryFs,
  type LibraryLocations,
} from './game-libraries';
import { isNeverAGame } from './not-games';
import { createProcLister, type ProcessLister, type RunningProcess } from './process-list';
import { createWin32ProcessLister } from './process-list-win32';
import { findVramHolders } from './vram-holders';
import { bindWin32, type Win32Api } from './win32-binding';

/** Install folders change when the user installs a game: rarely, so they are read again every 10 minutes. */
export const LIBRARY_REFRESH_MS = 10 * 60_000;

export interface GameDetectorOptions {
  /** The current `gaming` settings, read at every pass so edits apply without a restart. */
  gamingSettings: () => GamingSettings;
  /** Per-process GPU memory from the hardware service's latest sample (null when it has none). */
  gpuProcesses?: () => GpuProcess[] | null;
  platform?: NodeJS.Platform;
  /** Defaults to /proc on Linux and a Toolhelp snapshot on Windows. */
  listProcesses?: ProcessLister;
  /** The Win32 calls (Windows only); defaults to the koffi binding. */
  bindWin32?: () => Promise<Win32Api>;
  /** Where the stores keep games; defaults to the platform's usual folders. */
  libraryLocations?: LibraryLocations;
  libraryFs?: LibraryFs;
  libraryRefreshMs?: number;
  now?: () => number;
}

/** Build the detector; nothing is read until the first `check()`. */
export function createGameDetector(options: GameDetectorOptions): GameDetector {
  const platform = options.platform ?? process.platform;
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  const now = options.now ?? Date.now;
  let win32: Promise<Win32Api> | null = null;
  const win32Api = () => (win32 ??= (options.bindWin32 ?? bindWin32)());
  const listProcesses = options.listProcesses ?? defaultLister(platform, win32Api);
  const locations =
    options.libraryLocations ?? defaultLibraryLocations({ platform, env: process.env, homedir: os.homedir() });
  const refreshMs = options.libraryRefreshMs ?? LIBRARY_REFRESH_MS;
  let library: { at: number; games: Promise<InstalledGameIndex> } | null = null;
  const installedGames = () => {
    if (!library || now() - library.at >= refreshMs) {
      library = {
        at: now(),
        games: findInstalledGames(locations, pathApi, options.libraryFs)
          .catch(() => [])
          .then(indexInstalledGames),
      };
    }
    return library.games;
  };

  return {
    async check(): Promise<GameCheck> {
      const settings = options.gamingSettings();
      const problems: GameDetectionProblem[] = [];
      let processes: RunningProcess[] = [];
      try {
        processes = await listProcesses();
      } catch (err) {
        problems.push({ source: 'process-list', detail: (err as Error).message });
      }
      const candidates = processes.filter((p) => !isNeverAGame(p));
      const installed = await installedGames();
      const games = [
        ...matchUserList(candidates, settings.processes, installed),
        ...matchInstalled(candidates, installed),
      ];

      if (settings.vramThresholdGiB !== null) {
        const gpu = options.gpuProcesses?.() ?? null;
        if (gpu) games.push(...findVramHolders(gpu, settings.vramThresholdGiB, processes));
      }
      if (platform === 'win32') {
        try {
          const fullscreen = readFullscreenGame(await win32Api(), processes);
          if (fullscreen) games.push(fullscreen);
        } catch (err) {
          problems.push({ source: 'fullscreen', detail: (err as Error).message });
        }
      }
      return { games: dedupe(games), complete: problems.length === 0, problems };
    },
  };
}

function defaultLister(platform: NodeJS.Platform, win32Api: () => Promise<Win32Api>): ProcessLister {
  if (platform === 'win32') return createWin32ProcessLister(win32Api);
  if (platform === 'linux') return createProcLister();
  return () => Promise.reject(new Error(`Could not list processes: ${platform} is not supported.`));
}

/** Games from the user's list (exact name, case-insensitive, ".exe" optional), titled by their store when installed. */
function matchUserList(processes: RunningProcess[], names: string[], installed: InstalledGameIndex): RunningGame[] {
  const wanted = new Set(names.map(normalizeExeName));
  if (wanted.size === 0) return [];
  return processes
    .filter((p) => wanted.has(normalizeExeName(p.exe)))
    .map((p) => {
      const store = p.path === null ? null : matchInstalledGame(installed, p.path);
      return { name: store?.title ?? p.exe, exe: p.exe, pid: p.pid, source: 'list' as const };
    });
}

/** Processes whose executable lies under a store's game folder. */
function matchInstalled(processes: RunningProcess[], installed: InstalledGameIndex): RunningGame[] {
  if (installed.folders.length === 0) return [];
  const games: RunningGame[] = [];
  for (const p of processes) {
    const game = p.path === null ? null : matchInstalledGame(installed, p.path);
    if (game) games.push({ name: game.title, exe: p.exe, pid: p.pid, source: game.store });
  }
  return games;
}

/** One entry per process and per game name (a game's helper processes show once); the first source wins. */
function dedupe(games: RunningGame[]): RunningGame[] {
  const pids = new Set<number>();
  const names = new Set<string>();
  return games.filter((g) => {
    const name = g.name.toLowerCase();
    if ((g.pid !== null && pids.has(g.pid)) || names.has(name)) return false;
    if (g.pid !== null) pids.add(g.pid);
    names.add(name);
    return true;
  });
}
