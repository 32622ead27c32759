/** Find Debian's Chromium for playwright-core; a clear, failing message when it is missing (never a silent skip). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export const CHROMIUM_MISSING_MESSAGE =
  'The browser end-to-end tests need Chromium and it is not installed. Install it with `sudo apt-get install chromium` (CI does this in .ci/run), or set LOADOUT_CHROMIUM to a Chromium/Chrome executable.';

/** What the lookup touches, injectable so the "missing" path is testable. */
export interface ChromiumLookup {
  env?: NodeJS.ProcessEnv;
  exists?: (file: string) => boolean;
  which?: (name: string) => string | null;
}

function whichOnPath(name: string): string | null {
  try {
    return execFileSync('which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

/** The Chromium executable (LOADOUT_CHROMIUM overrides); throws saying how to install it. */
export function findChromium({
  env = process.env,
  exists = fs.existsSync,
  which = whichOnPath,
}: ChromiumLookup = {}): string {
  if (env.LOADOUT_CHROMIUM) {
    if (exists(env.LOADOUT_CHROMIUM)) return env.LOADOUT_CHROMIUM;
    throw new Error(
      `LOADOUT_CHROMIUM points at ${env.LOADOUT_CHROMIUM}, which does not exist. ${CHROMIUM_MISSING_MESSAGE}`,
    );
  }
  for (const name of ['chromium', 'chromium-browser']) {
    const found = which(name);
    if (found) return found;
  }
  const existing = CANDIDATES.find((p) => exists(p));
  if (existing) return existing;
  throw new Error(CHROMIUM_MISSING_MESSAGE);
}

/** The flags for headless Chromium in CI containers. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
