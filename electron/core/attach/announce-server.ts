/** Announce a face's app server in the data folder, so the CLI works through it (see running-announce.ts). */
import { isLoopbackHost, isWildcardHost } from '../http/host-check';
import { appVersion } from '../process/app-version';
import { announceRunning, type Announcement, type AnnounceDeps, type RunningAnnounce } from './running-announce';

/**
 * Write the announce file for a server on `host:port`, unless the server cannot be reached on
 * loopback (bound to one LAN address) or another live Loadout announced first; `log` says why not.
 * A failure to write is said, never thrown: the face still runs, and the CLI runs its own core.
 */
export function announceLoadoutServer(
  dataDir: string,
  face: RunningAnnounce['face'],
  host: string,
  port: number,
  token: string,
  /** The core's version (`core.version`, the one version source). */
  version: string,
  log: (line: string) => void,
  deps: AnnounceDeps & { pid?: number; now?: () => Date } = {},
): Announcement {
  const none: Announcement = { announced: false, remove: () => {} };
  if (!isLoopbackHost(host) && !isWildcardHost(host)) return none;
  const pid = deps.pid ?? process.pid;
  try {
    const announcement = announceRunning(
      dataDir,
      { pid, face, port, token, version: appVersion(), startedAt: (deps.now?.() ?? new Date()).toISOString() },
      deps,
    );
    if (!announcement.announced)
      log('another Loadout already runs on this machine; `loadout` commands keep working through that one.');
    return announcement;
  } catch (error) {
    log(
      `could not write the running-app file in ${dataDir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); \`loadout\` commands will run on their own.`,
    );
    return none;
  }
}
