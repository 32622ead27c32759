/**
 * Windows process list: one Toolhelp snapshot plus each process's image path (see win32-binding.ts
 * for why this beats tasklist, PowerShell and WMI). The binding is injected so tests run it here.
 */
import type { Win32Api } from './win32-binding';
import type { ProcessLister, RunningProcess } from './process-list';

/**
 * A lister over a Win32 binding that is bound on first use; a binding that fails to load rejects every pass
 * with why. Image paths are kept per pid and name between passes, so a pass opens only the processes that
 * are new since the last one (the snapshot alone is one call).
 */
export function createWin32ProcessLister(bind: () => Promise<Win32Api>): ProcessLister {
  let binding: Promise<Win32Api> | null = null;
  let known = new Map<string, string | null>();
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
    const seen = new Map<string, string | null>();
    const processes: RunningProcess[] = [];
    for (const p of api.snapshotProcesses()) {
      // pid 0 is the System Idle Process: no image, never a game.
      if (p.pid === 0) continue;
      // A reused pid comes back under another name, so the name is part of the key.
      const key = `${p.pid}\0${p.exeFile}`;
      const path = known.has(key) ? known.get(key)! : api.imagePath(p.pid);
      seen.set(key, path);
      processes.push({ pid: p.pid, exe: p.exeFile, path });
    }
    known = seen;
    return processes;
  };
}
