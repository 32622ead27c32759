/** Finds the `lms` CLI: LOADOUT_LMS, then ~/.lmstudio/bin/lms[.exe], then PATH. */
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** Default existence check: the file is there and executable (on Windows: just there). */
export async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface LocateLmsInput {
  env: NodeJS.ProcessEnv;
  homeDir: string;
  platform: NodeJS.Platform;
  fileExists: (path: string) => Promise<boolean>;
}

/** The places looked at, in order (also used to tell the user where we looked). */
export function lmsCandidates(input: Omit<LocateLmsInput, 'fileExists'>): string[] {
  const exe = input.platform === 'win32' ? 'lms.exe' : 'lms';
  const candidates: string[] = [];
  const explicit = input.env.LOADOUT_LMS?.trim();
  if (explicit) candidates.push(explicit);
  candidates.push(join(input.homeDir, '.lmstudio', 'bin', exe));
  const pathVar = input.env.PATH ?? input.env.Path ?? '';
  const sep = input.platform === 'win32' ? ';' : delimiter;
  for (const dir of pathVar.split(sep)) if (dir.trim()) candidates.push(join(dir.trim(), exe));
  return candidates;
}

/** The first candidate that exists; null when none does. An explicit LOADOUT_LMS that is missing is skipped. */
export async function locateLms(input: LocateLmsInput): Promise<string | null> {
  for (const candidate of lmsCandidates(input)) if (await input.fileExists(candidate)) return candidate;
  return null;
}
