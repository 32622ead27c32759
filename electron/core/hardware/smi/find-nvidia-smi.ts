/** Finds the nvidia-smi executable: LOADOUT_NVIDIA_SMI, then the platform's usual places, then PATH. */
import fs from 'node:fs';
import path from 'node:path';
import { pathEntries } from '../../process/search-path';
import { batchFileProblem } from '../../process/windows-executable';
import { HARDWARE_ENV } from '../monitor-types';

/** The executable found, or null with the places that were searched (for the error message). */
export interface NvidiaSmiLocation {
  path: string | null;
  searched: string[];
  /** Why the file found cannot be used (a .cmd/.bat override on Windows); absent when it can. */
  problem?: string;
}

/** The file-system questions the search asks; tests answer them for a Windows layout. */
export interface SmiSearchFs {
  /** Change time (ms) of a regular file, or null when there is none. */
  fileCtimeMs(p: string): number | null;
  /** Entries of a folder, or [] when it cannot be read. */
  listDir(p: string): string[];
}

const realFs: SmiSearchFs = {
  fileCtimeMs(p) {
    try {
      const st = fs.statSync(p);
      return st.isFile() ? st.ctimeMs : null;
    } catch {
      return null;
    }
  },
  listDir(p) {
    try {
      return fs.readdirSync(p);
    } catch {
      return [];
    }
  },
};

/** DriverStore copies (`…\FileRepository\nv*\nvidia-smi.exe`), newest first, as DCH drivers install them. */
function driverStoreCopies(windir: string, files: SmiSearchFs): string[] {
  const repo = path.win32.join(windir, 'System32', 'DriverStore', 'FileRepository');
  return files
    .listDir(repo)
    .filter((d) => d.toLowerCase().startsWith('nv'))
    .map((d) => path.win32.join(repo, d, 'nvidia-smi.exe'))
    .map((p) => ({ p, t: files.fileCtimeMs(p) }))
    .filter((x): x is { p: string; t: number } => x.t !== null)
    .sort((a, b) => b.t - a.t)
    .map((x) => x.p);
}

/**
 * Locate nvidia-smi. Windows order: System32, the DriverStore, `Program Files\NVIDIA Corporation\NVSMI`, then PATH
 * (DCH drivers put it in System32; NVSMI is often missing). Elsewhere: PATH.
 */
export function findNvidiaSmi(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, files: SmiSearchFs = realFs): NvidiaSmiLocation {
  const isFile = (p: string) => files.fileCtimeMs(p) !== null;
  const override = env[HARDWARE_ENV.nvidiaSmi]?.trim();
  if (override) {
    const searched = [`${override} (${HARDWARE_ENV.nvidiaSmi})`];
    const problem = batchFileProblem(override, HARDWARE_ENV.nvidiaSmi, platform);
    if (problem) return { path: null, searched, problem };
    return { path: isFile(override) ? override : null, searched };
  }
  const searched: string[] = [];
  const exe = platform === 'win32' ? 'nvidia-smi.exe' : 'nvidia-smi';
  if (platform === 'win32') {
    const windir = env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows';
    const programFiles = env.ProgramFiles ?? 'C:\\Program Files';
    const system32 = path.win32.join(windir, 'System32', exe);
    searched.push(system32);
    if (isFile(system32)) return { path: system32, searched };
    searched.push(path.win32.join(windir, 'System32', 'DriverStore', 'FileRepository', 'nv*', exe));
    const store = driverStoreCopies(windir, files)[0];
    if (store) return { path: store, searched };
    const nvsmi = path.win32.join(programFiles, 'NVIDIA Corporation', 'NVSMI', exe);
    searched.push(nvsmi);
    if (isFile(nvsmi)) return { path: nvsmi, searched };
  }
  searched.push(`PATH (${exe})`);
  for (const dir of pathEntries(env, platform)) {
    const candidate = platform === 'win32' ? path.win32.join(dir, exe) : path.posix.join(dir, exe);
    if (isFile(candidate)) return { path: candidate, searched };
  }
  return { path: null, searched };
}
