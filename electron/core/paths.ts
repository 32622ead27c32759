/**
 * Where Loadout keeps its data. The tray app and the CLI must agree on one folder, so this computes
 * what Electron's `app.getPath('userData')` gives for the product name "Loadout", without Electron.
 * `LOADOUT_HOME` overrides it (tests, portable installs).
 */
import os from 'node:os';
import { pathFor } from './process/search-path';

export const PRODUCT_NAME = 'Loadout';

/**
 * The app data folder: LOADOUT_HOME, else the platform's per-user application data folder. The path
 * module follows `platform`, so the Windows branch builds `C:\…` paths in tests on any machine.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  homedir: () => string = os.homedir,
): string {
  const path = pathFor(platform);
  if (env.LOADOUT_HOME) return path.resolve(env.LOADOUT_HOME);
  const home = homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), PRODUCT_NAME);
}
