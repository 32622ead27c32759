/**
 * Windows process list: one Toolhelp snapshot plus each process's image path (see win32-binding.ts
 * for why this beats tasklist, PowerShell and WMI). The binding is injected so tests run it here.
 */
import type { Win32Api } from './win32-binding';
import type { ProcessLister, RunningProcess } from './process-list';

/** A lister over a Win32 binding that is bound on first use; a binding that fails to load rejects every pass with why. */
export function createWin32ProcessLister(bind: () => Promise<Win32Api>): ProcessLister {
  let binding: Promise<Win32Api> | null = null;
  return async () => {
    binding ??= bind();
    let api: Win32Api;
    try {
      api = await binding;
    } catch (err) {
      throw new Error(`Could not list processes: the Windows API could not be loaded (${(err as Error).message}).`, {
        cause: err,
      });
    }
    // pid 0 is the System Idle Process: no image, never a game.
    return api
      .snapshotProcesses()
      .filter((p) => p.pid !== 0)
      .map((p): RunningProcess => ({ pid: p.pid, exe: p.exeFile, path: api.imagePath(p.pid) }));
  };
}
