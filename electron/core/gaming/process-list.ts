/**
 * The running processes with their executable paths, read the cheapest way each platform allows:
 * /proc on Linux (no child process). Windows is in process-list-win32.ts.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

export interface RunningProcess {
  pid: number;
  /** The executable's file name ("eldenring.exe", "wine64-preloader"). */
  exe: string;
  /** The executable's full path, or null when the system does not tell (another user's process, a kernel thread). */
  path: string | null;
}

/** Lists the running processes; rejects with a sentence that says what failed. */
export type ProcessLister = () => Promise<RunningProcess[]>;

export interface ProcFs {
  readdir(dir: string): Promise<string[]>;
  readlink(file: string): Promise<string>;
  readFile(file: string): Promise<string>;
}

/**
 * Synchronous reads: /proc answers from memory in microseconds, and going through the libuv pool costs six
 * times the CPU (npm run bench -- gaming: ~3 ms against ~22 ms for 150 processes), for a pass that blocks
 * the loop a few milliseconds every few seconds.
 */
export const nodeProcFs: ProcFs = {
  readdir: async (dir) => readdirSync(dir),
  readlink: async (file) => readlinkSync(file),
  readFile: async (file) => readFileSync(file, 'utf8'),
};
/** Wine's loaders, whose processes are Windows programs named by their command line. */
const WINE_LOADER = /^(wine|wine64|wine-preloader|wine64-preloader|wineserver)$/;

/** One process from /proc/<pid>: the exe link when readable, else the command line's first word (Wine/Proton games show there). */
async function readProcProcess(fs: ProcFs, root: string, pid: number): Promise<RunningProcess | null> {
  const dir = path.posix.join(root, String(pid));
  const exePath = await fs.readlink(path.posix.join(dir, 'exe')).catch(() => null);
  if (exePath !== null && !WINE_LOADER.test(path.posix.basename(exePath))) {
    const clean = exePath.replace(/ \(deleted\)$/, '');
    return { pid, exe: path.posix.basename(clean), path: clean };
  }
  // Under Wine/Proton the exe link is the loader; the game's Windows path is argv[0].
  const cmdline = await fs.readFile(path.posix.join(dir, 'cmdline')).catch(() => '');
  const argv0 = cmdline.split('\0')[0] ?? '';
  const isWindowsPath = /^[a-z]:\\/i.test(argv0) || /\.exe$/i.test(argv0);
  const chosen = isWindowsPath ? argv0 : (exePath?.replace(/ \(deleted\)$/, '') ?? (argv0 || null));
  if (chosen) {
    const exe = isWindowsPath ? path.win32.basename(argv0) : path.posix.basename(chosen);
    return { pid, exe, path: chosen.includes('/') || isWindowsPath ? chosen : null };
  }
  const comm = await fs.readFile(path.posix.join(dir, 'comm')).catch(() => null);
  return comm === null ? null : { pid, exe: comm.trim(), path: null };
}

/** Linux: walk /proc. A process that ends mid-walk is skipped; an unreadable /proc rejects. */
export function createProcLister(fs: ProcFs = nodeProcFs, root = '/proc'): ProcessLister {
  return async () => {
    let entries: string[];
    try {
      entries = await fs.readdir(root);
    } catch (err) {
      throw new Error(`Could not list processes: ${root} is unreadable (${(err as Error).message}).`, { cause: err });
    }
    const pids = entries.filter((e) => /^\d+$/.test(e)).map(Number);
    const found = await Promise.all(pids.map((pid) => readProcProcess(fs, root, pid)));
    return found.filter((p): p is RunningProcess => p !== null);
  };
}
