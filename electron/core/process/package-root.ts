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
