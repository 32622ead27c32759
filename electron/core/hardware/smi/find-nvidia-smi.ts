/** Finds the nvidia-smi executable: LOADOUT_NVIDIA_SMI, then the platform's usual places, then PATH. */
import path from 'node:path';
import { pathEntries } from '../../process/search-path';
import { batchFileProblem } from '../../process/windows-executable';
import { driverStoreCopies, realSearchFs, type SmiSearchFs } from '../driver-store';
import { HARDWARE_ENV } from '../monitor-types';

export type { SmiSearchFs } from '../driver-store';

/** The executable found, or null with the places that were searched (for the error message). */
export interface NvidiaSmiLocation {
  path: string | null;
  searched: string[];
  /** Why the file found cannot be used (a .cmd/.bat override on Windows); absent when it can. */
  problem?: string;
}

/**
 * Locate nvidia-smi. Windows order: System32, the DriverStore, `Program Files\NVIDIA Corporation\NVSMI`, then PATH
 * (DCH drivers put it in System32; NVSMI is often missing). Elsewhere: PATH.
 */
export function findNvidiaSmi(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  files: SmiSearchFs = realSearchFs,
): NvidiaSmiLocation {
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
    const store = driverStoreCopies(windir, exe, files)[0];
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
