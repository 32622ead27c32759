/** Where this checkout or install of Loadout lives, found from this module's location. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Loadout's package.json: walks up from this module (source under tsx, or the
 * bundled CLI in out/cli); null when none is found.
 */
export function findPackageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * @deprecated Loadout's version has one source, appVersion() in ./app-version: use it. Kept only until
 * app-core.ts and attach/announce-server.ts (being rewritten for issue 16) import appVersion.
 */
export { appVersion as readPackageVersion } from './app-version';
