/**
 * Windows DCH drivers install their files under `System32\DriverStore\FileRepository\nv…\`, one folder per
 * driver version, and may leave older folders behind. nvidia-smi and NVML are both looked for there.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The file-system questions the search asks; tests answer them for a Windows layout. */
export interface SmiSearchFs {
  /** Change time (ms) of a regular file, or null when there is none. */
  fileCtimeMs(p: string): number | null;
  /** Entries of a folder, or [] when it cannot be read. */
  listDir(p: string): string[];
}

export const realSearchFs: SmiSearchFs = {
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

/** The DriverStore folder under a Windows directory. */
export function driverStoreFolder(windir: string): string {
  return path.win32.join(windir, 'System32', 'DriverStore', 'FileRepository');
}

/** DriverStore copies of `fileName` (`…\FileRepository\nv*\<fileName>`), newest first. */
export function driverStoreCopies(windir: string, fileName: string, files: SmiSearchFs): string[] {
  const repo = driverStoreFolder(windir);
  return files
    .listDir(repo)
    .filter((d) => d.toLowerCase().startsWith('nv'))
    .map((d) => path.win32.join(repo, d, fileName))
    .map((p) => ({ p, t: files.fileCtimeMs(p) }))
    .filter((x): x is { p: string; t: number } => x.t !== null)
    .sort((a, b) => b.t - a.t)
    .map((x) => x.p);
}
