/**
 * Entry of the standalone `loadout` executable (a Node single-executable application, built by
 * `npm run build:cli-exe`). Node 22 runs a SEA's script as CommonJS, where top-level await is not
 * allowed, hence this entry instead of main.ts. The Node inside is the one it was built with, so the
 * version check of main.ts is not needed.
 */
import { startCli } from '../start-cli';

void startCli();
