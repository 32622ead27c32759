/**
 * A crashed Loadout cannot kill its `nvidia-smi -lms` loop child, and on Windows the child outlives its
 * parent: it keeps polling the GPU for nothing. Each running loop child is recorded in the data folder as
 * `nvidia-smi-<owner pid>.pid`; the next start kills the children whose owner is gone, once it has
 * checked that the pid still belongs to an nvidia-smi (pids are reused).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const FILE = /^nvidia-smi-(\d+)\.pid$/;

/** What a stale-child sweep needs from the OS; tests inject their own. */
export interface SmiChildOs {
  /** True while a process with this pid exists. */
  isAlive(pid: number): boolean;
  /** The command line of a process (argv), or null when it cannot be read. */
  commandLine(pid: number): Promise<string[] | null>;
  kill(pid: number): void;
}

/** Writes and removes this process's record of its loop child. */
export class SmiChildRecord {
  readonly file: string;

  constructor(dir: string, ownerPid: number = process.pid) {
    this.file = path.join(dir, `nvidia-smi-${ownerPid}.pid`);
  }

  /** Record the running child; a failure to write only loses the crash clean-up, never the sampling. */
  write(childPid: number): void {
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(this.file, `${childPid}\n`);
    } catch {
      // Read-only data folder: sampling goes on without the record.
    }
  }

  clear(): void {
    fs.rmSync(this.file, { force: true });
  }
}

/** True when argv is an nvidia-smi running Loadout's loop query (the executable itself, or a script run by an interpreter). */
export function isSmiLoop(argv: readonly string[]): boolean {
  const named = argv.slice(0, 2).some((a) => /^nvidia-smi(\.exe)?$/i.test(path.win32.basename(a)));
  return named && argv.some((a) => a.startsWith('--query-gpu=')) && argv.includes('-lms');
}

/** Kills loop children left behind by Loadout processes that are gone; returns the pids it killed. */
export async function killStaleSmiChildren(dir: string, os: SmiChildOs = realSmiChildOs()): Promise<number[]> {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const killed: number[] = [];
  for (const name of names) {
    const owner = Number(FILE.exec(name)?.[1]);
    if (!owner || owner === process.pid || os.isAlive(owner)) continue;
    const file = path.join(dir, name);
    let child: number;
    try {
      child = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    } catch {
      continue; // Removed by another sweep in the meantime.
    }
    if (Number.isInteger(child) && child > 0 && os.isAlive(child)) {
      const argv = await os.commandLine(child);
      if (argv && isSmiLoop(argv)) {
        try {
          os.kill(child);
          killed.push(child);
        } catch {
          // Gone in the meantime, or not ours to kill: nothing left to do.
        }
      }
    }
    fs.rmSync(file, { force: true });
  }
  return killed;
}

const run = promisify(execFile);

/** The real OS: /proc on Linux, PowerShell's Win32_Process on Windows, ps elsewhere. */
export function realSmiChildOs(platform: NodeJS.Platform = process.platform): SmiChildOs {
  return {
    isAlive(pid) {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
      }
    },
    async commandLine(pid) {
      try {
        if (platform === 'linux')
          return (await fs.promises.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
        if (platform === 'win32') {
          const query = `(Get-CimInstance Win32_Process -Filter "ProcessId=${pid}").CommandLine`;
          const { stdout } = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', query], {
            windowsHide: true,
            timeout: 10_000,
          });
          // Windows gives one string; split it the way our own spawn quoted it (paths may be quoted).
          return stdout.trim() ? (stdout.trim().match(/"[^"]*"|\S+/g) ?? []).map((a) => a.replace(/^"|"$/g, '')) : null;
        }
        const { stdout } = await run('ps', ['-p', String(pid), '-o', 'command='], { timeout: 10_000 });
        return stdout.trim() ? stdout.trim().split(/\s+/) : null;
      } catch {
        return null;
      }
    },
    kill(pid) {
      process.kill(pid, 'SIGKILL');
    },
  };
}
