#!/usr/bin/env node
// The `loadout` command of the built app: runs the bundled CLI (`npm run build:cli` makes it).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../out/cli/loadout.mjs', import.meta.url));
if (!existsSync(built)) {
  console.error(
    'loadout: the CLI is not built. Run `npm run build:cli`, or `npm run loadout -- <command>` from a source checkout.',
  );
  process.exit(2);
}
await import(pathToFileURL(built).href);
