/** Where the NVML library lives on each platform, and the LOADOUT_NVML override. */
import path from 'node:path';
import { driverStoreCopies, realSearchFs, type SmiSearchFs } from '../driver-store';
import { HARDWARE_ENV } from '../monitor-types';

/** What to do about NVML: skip it, or try these library paths in order. */
export type NvmlPlan = { off: true; reason: string } | { off: false; candidates: string[] };

/**
 * `LOADOUT_NVML=off` skips NVML; `LOADOUT_NVML=/path/lib` loads only that file. Otherwise Linux
 * uses `libnvidia-ml.so.1` from the loader path, Windows `nvml.dll` from System32 then NVSMI
 * (the order of NVIDIA's own pynvml), then the newest DriverStore copy (a DCH driver whose System32
 * copy is missing or broken still has one there); macOS has no NVML.
 */
export function planNvml(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  files: SmiSearchFs = realSearchFs,
): NvmlPlan {
  const override = env[HARDWARE_ENV.nvml]?.trim();
  if (override && override.toLowerCase() === 'off')
    return { off: true, reason: `NVML is turned off (${HARDWARE_ENV.nvml}=off).` };
  if (override) return { off: false, candidates: [override] };
  if (platform === 'win32') {
    const windir = env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows';
    const programFiles = env.ProgramFiles ?? 'C:\\Program Files';
    return {
      off: false,
      candidates: [
        path.win32.join(windir, 'System32', 'nvml.dll'),
        path.win32.join(programFiles, 'NVIDIA Corporation', 'NVSMI', 'nvml.dll'),
        ...driverStoreCopies(windir, 'nvml.dll', files).slice(0, 1),
      ],
    };
  }
  if (platform === 'darwin') return { off: true, reason: 'NVML does not exist on macOS.' };
  return { off: false, candidates: ['libnvidia-ml.so.1'] };
}
