/**
 * One detection pass over every source (issue 19): the user's list, the store library folders,
 * the shell's fullscreen signal (Windows) and VRAM holders. Each source is injectable so tests run
 * the Windows branches here; a failing source becomes a problem in the answer, never a rejection.
 */
import { normalizeExeName } from './exe-name';
import type { GameCheck, GameDetector, GamingSettings, RunningGame } from './game-check';
import { isNeverAGame } from './not-games';
import { createProcLister, type ProcessLister, type RunningProcess } from './process-list';

export interface GameDetectorOptions {
  /** The current `gaming` settings, read at every pass so edits apply without a restart. */
  gamingSettings: () => GamingSettings;
  /** Defaults to the platform's own lister (/proc on Linux). */
  listProcesses?: ProcessLister;
  platform?: NodeJS.Platform;
}

/** Games from the user's list: an exact, case-insensitive executable name, ".exe" optional on either side. */
function matchUserList(processes: RunningProcess[], names: string[]): RunningGame[] {
  const wanted = new Set(names.map(normalizeExeName));
  if (wanted.size === 0) return [];
  return processes
    .filter((p) => wanted.has(normalizeExeName(p.exe)))
    .map((p) => ({ name: p.exe, exe: p.exe, pid: p.pid, source: 'list' as const }));
}

/** The platform's process lister; Windows has none until process-list-win32 lands, and says so. */
function defaultLister(platform: NodeJS.Platform): ProcessLister {
  if (platform === 'linux') return createProcLister();
  return () => Promise.reject(new Error(`Listing processes on ${platform} is not supported yet.`));
}

/** Build the detector; nothing is read until the first `check()`. */
export function createGameDetector(options: GameDetectorOptions): GameDetector {
  const platform = options.platform ?? process.platform;
  const listProcesses = options.listProcesses ?? defaultLister(platform);
  return {
    async check(): Promise<GameCheck> {
      const settings = options.gamingSettings();
      const problems: string[] = [];
      let processes: RunningProcess[] = [];
      let complete = true;
      try {
        processes = (await listProcesses()).filter((p) => !isNeverAGame(p));
      } catch (err) {
        complete = false;
        problems.push(
          `${(err as Error).message} Gaming mode cannot see which games run; it keeps the models as they are until it can.`,
        );
      }
      const games = matchUserList(processes, settings.processes);
      return { games: dedupeByPid(games), complete, problems };
    },
  };
}

/** One entry per process: the first source that named it wins (the order of the sources above). */
function dedupeByPid(games: RunningGame[]): RunningGame[] {
  const seen = new Set<number>();
  return games.filter((g) => {
    if (g.pid === null) return true;
    if (seen.has(g.pid)) return false;
    seen.add(g.pid);
    return true;
  });
}
