/**
 * Where LM Studio keeps its models, `bin/lms` and settings. Like LM Studio's own `findLMStudioHome.ts`:
 * the folder named in `~/.lmstudio-home-pointer` when that file exists (LM Studio writes it when the home
 * moves), else `~/.lmstudio`. Read-only: Loadout never writes the pointer.
 */
import fs from 'node:fs';
import os from 'node:os';
import { pathFor } from '../process/search-path';

export interface LmStudioHomeInput {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** The OS's idea of the user's home (os.homedir). */
  homedir?: () => string;
  /** A small text file's content, or null when it cannot be read. */
  readText?: (file: string) => string | null;
}

function readTextFile(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The user's home folder. On Windows, os.homedir() (the profile folder), never HOME: MSYS2, Git Bash and
 * Cygwin set HOME to a folder LM Studio never uses. Elsewhere HOME, as LM Studio's CLI sees it.
 */
export function userHomeDir(input: LmStudioHomeInput): string {
  const homedir = input.homedir ?? os.homedir;
  if (input.platform === 'win32') return homedir();
  return input.env.HOME?.trim() || homedir();
}

/** LM Studio's home folder: the pointer file's target when it names one, else <home>/.lmstudio. */
export function resolveLmStudioHome(input: LmStudioHomeInput): string {
  const p = pathFor(input.platform);
  const home = userHomeDir(input);
  const pointed = (input.readText ?? readTextFile)(p.join(home, '.lmstudio-home-pointer'))
    ?.replace(/^\uFEFF/, '')
    .trim();
  return pointed ? p.resolve(home, pointed) : p.join(home, '.lmstudio');
}
