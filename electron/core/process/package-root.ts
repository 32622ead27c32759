/** Where this checkout or install of Loadout lives, and its version, found from this module's location. */
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

/** Loadout's version from its package.json ("0.0.0" when unreadable). */
export function readPackageVersion(root: string | null = findPackageRoot()): string {
  if (!root) return '0.0.0';
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
