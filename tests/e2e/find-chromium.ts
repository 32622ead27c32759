/** Find Debian's Chromium for playwright-core; a clear, failing message when it is missing (never a silent skip). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium executable (LOADOUT_CHROMIUM overrides); throws saying how to install it. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LOADOUT_CHROMIUM) {
    if (fs.existsSync(env.LOADOUT_CHROMIUM)) return env.LOADOUT_CHROMIUM;
    throw new Error(`LOADOUT_CHROMIUM points at ${env.LOADOUT_CHROMIUM}, which does not exist.`);
  }
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (found) return found;
    } catch { /* not on PATH */ }
  }
  const existing = CANDIDATES.find((p) => fs.existsSync(p));
  if (existing) return existing;
  throw new Error('The browser end-to-end tests need Chromium and it is not installed. Install it with `sudo apt-get install chromium` (CI does this in .ci/run), or set LOADOUT_CHROMIUM to a Chromium/Chrome executable.');
}

/** The flags for headless Chromium in CI containers. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
