/** The fake nvidia-smi's path and helpers to check that no child outlives its reader. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FAKE_SMI = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fakes/nvidia-smi/nvidia-smi');

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pids the fake wrote to its pid file. */
export function readPids(file: string): number[] {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Wait until `check` is true or the time is up (generous: tests never depend on tight timing). */
export async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}
