/** Finds the `lms` CLI: LOADOUT_LMS, then <LM Studio home>/bin/lms[.exe], then PATH. */
import { access, constants } from 'node:fs/promises';
import { pathEntries, pathFor } from '../process/search-path';

/**
 * Default existence check: the file is there and executable. Windows has no execute bit (X_OK is F_OK
 * there), so on win32 being there is enough.
 */
export async function isExecutableFile(path: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  try {
    await access(path, platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface LocateLmsInput {
  env: NodeJS.ProcessEnv;
  /** LM Studio's home folder (resolveLmStudioHome): its bin/ holds lms. */
  lmStudioHome: string;
  platform: NodeJS.Platform;
  fileExists: (path: string) => Promise<boolean>;
}

/** The places looked at, in order (also used to tell the user where we looked). */
export function lmsCandidates(input: Omit<LocateLmsInput, 'fileExists'>): string[] {
  const p = pathFor(input.platform);
  const exe = input.platform === 'win32' ? 'lms.exe' : 'lms';
  const candidates: string[] = [];
  const explicit = input.env.LOADOUT_LMS?.trim();
  if (explicit) candidates.push(explicit);
  candidates.push(p.join(input.lmStudioHome, 'bin', exe));
  for (const dir of pathEntries(input.env, input.platform)) candidates.push(p.join(dir, exe));
  return candidates;
}

/** The first candidate that exists; null when none does. An explicit LOADOUT_LMS that is missing is skipped. */
export async function locateLms(input: LocateLmsInput): Promise<string | null> {
  for (const candidate of lmsCandidates(input)) if (await input.fileExists(candidate)) return candidate;
  return null;
}
