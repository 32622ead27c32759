/**
 * One core per machine: the tray app or `loadout serve` writes `<dataDir>/running.json` (pid, loopback
 * port, a per-run token, version, start time), readable only by the user, and removes it on a clean
 * exit. The CLI reads it to work through that process. A file whose pid is gone is stale: ignored, and
 * replaced by the next process that announces.
 */
import nodeFs from 'node:fs';
import { z } from 'zod';
import { pathFor } from '../process/search-path';
import { runningFilePath } from './running-file';

export { RUNNING_FILE_NAME, runningFilePath } from './running-file';

export const RunningAnnounceSchema = z.object({
  pid: z.number().int().positive(),
  /** Which face owns the core: the tray app or `loadout serve`. */
  face: z.enum(['app', 'serve']),
  /** The loopback port of its app API WebSocket. */
  port: z.number().int().min(1).max(65535),
  /** Accepted from loopback only, for this run only. */
  token: z.string().min(16),
  version: z.string(),
  startedAt: z.string(),
});
export type RunningAnnounce = z.infer<typeof RunningAnnounceSchema>;

/** What the announce file says: nothing runs, a file left behind (with why), or a live process. */
export type RunningState =
  { kind: 'none' } | { kind: 'stale'; reason: string } | { kind: 'running'; announce: RunningAnnounce };

export interface AnnounceDeps {
  platform?: NodeJS.Platform;
  fs?: Pick<typeof nodeFs, 'writeFileSync' | 'renameSync' | 'readFileSync' | 'rmSync' | 'mkdirSync'>;
  /** Whether a pid names a live process (default: signal 0). */
  isAlive?: (pid: number) => boolean;
}

/** True while `pid` runs; EPERM means it runs under another user, which still counts. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Read the announce file; a missing, unreadable, malformed or dead-pid file never throws. */
export function readRunningAnnounce(dataDir: string, deps: AnnounceDeps = {}): RunningState {
  const fs = deps.fs ?? nodeFs;
  const file = runningFilePath(dataDir, deps.platform);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? { kind: 'none' }
      : { kind: 'stale', reason: `${file} cannot be read (${code ?? String(error)})` };
  }
  let parsed: ReturnType<typeof RunningAnnounceSchema.safeParse>;
  try {
    parsed = RunningAnnounceSchema.safeParse(JSON.parse(text));
  } catch {
    return { kind: 'stale', reason: `${file} is not JSON` };
  }
  if (!parsed.success) return { kind: 'stale', reason: `${file} does not describe a running Loadout` };
  if (!(deps.isAlive ?? isProcessAlive)(parsed.data.pid))
    return { kind: 'stale', reason: `process ${parsed.data.pid} is gone` };
  return { kind: 'running', announce: parsed.data };
}

export interface Announcement {
  /** False when another live process had announced first (it keeps the file; this one runs on its own). */
  announced: boolean;
  /** Remove the file if it is still this run's (a later process may have replaced a file it thought stale). */
  remove(): void;
}

/**
 * Announce this process. The file is written to a temporary name with mode 0600 and renamed, so a
 * reader never sees half a file; on Windows the data folder is already per-user, so no mode is set.
 */
export function announceRunning(dataDir: string, announce: RunningAnnounce, deps: AnnounceDeps = {}): Announcement {
  const fs = deps.fs ?? nodeFs;
  const platform = deps.platform ?? process.platform;
  const current = readRunningAnnounce(dataDir, deps);
  if (current.kind === 'running' && current.announce.pid !== announce.pid)
    return { announced: false, remove: () => {} };
  const file = runningFilePath(dataDir, platform);
  const temporary = `${file}.${announce.pid}.tmp`;
  fs.mkdirSync(pathFor(platform).dirname(file), { recursive: true });
  // A leftover temporary file would keep its old mode: start from none.
  fs.rmSync(temporary, { force: true });
  fs.writeFileSync(
    temporary,
    `${JSON.stringify(announce)}\n`,
    platform === 'win32' ? { encoding: 'utf8' } : { encoding: 'utf8', mode: 0o600 },
  );
  fs.renameSync(temporary, file);
  return {
    announced: true,
    remove() {
      const now = readRunningAnnounce(dataDir, { ...deps, isAlive: () => true });
      if (now.kind === 'running' && now.announce.pid === announce.pid && now.announce.token === announce.token)
        fs.rmSync(file, { force: true });
    },
  };
}
