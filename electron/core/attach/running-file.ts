/** Where the running tray app or `loadout serve` announces itself; apart from running-announce.ts so a check loads no schema. */
import { pathFor } from '../process/search-path';

export const RUNNING_FILE_NAME = 'running.json';

/** The announce file's path in the data folder (Windows paths on win32, wherever the tests run). */
export function runningFilePath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  return pathFor(platform).join(dataDir, RUNNING_FILE_NAME);
}
