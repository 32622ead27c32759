/**
 * Reads LM Link through `lms link status --json`, rarely (every 45 s by default: LM Link's peers change
 * on a human scale, and each read spawns a process). The fleet's watch asks `current()` on each poll and
 * gets the last reading at once; a stale one starts a read in the background, so a slow or hung `lms`
 * never holds up the fleet. `added` is worked out against the machines at each call, so adding a
 * machine shows at once. A missing `lms`, LM Studio not running, or an old `lms` each read as
 * `available: false` with a message; nothing here throws.
 */
import { createEmitter } from '../../../shared/events/typed-emitter';
import type { Machine } from '../../../shared/settings/schema';
import { isDefaultLocalServer } from '../lmstudio/base-url';
import type { LmStudioClient, RunProcess } from '../lmstudio/client-types';
import { isExecutableFile } from '../lmstudio/lms-locate';
import { createLmsProcess, lmsMessage, lmsSaysNotRunning, type LmsProcess } from '../lmstudio/lms-process';
import { resolveLmStudioHome } from '../lmstudio/lmstudio-home';
import { runProcess } from '../lmstudio/run-process';
import { lmLinkUnavailable, parseLmLinkStatus, type LmLinkState } from './lm-link';

export interface LmLinkReaderOptions {
  /** This machine's LM Studio: `lms` talks to the same server, with the same token. */
  lmstudio: Pick<LmStudioClient, 'getBaseUrl' | 'getToken'>;
  /** The machines in the settings, read at each call. */
  machines: () => readonly Pick<Machine, 'name' | 'url'>[];
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  lmStudioHome?: string;
  run?: RunProcess;
  fileExists?: (path: string) => Promise<boolean>;
  now?: () => number;
  /** How old a reading may be before `current()` reads again (default 45 s). */
  refreshMs?: number;
  /** How long one `lms link status` may take (default 10 s). */
  timeoutMs?: number;
}

export interface LmLinkReader {
  /** The last reading (unavailable, "not read yet", before the first); starts a read when it is stale. */
  current(): LmLinkState;
  /**
   * Whether LM Link serves localhost:1234 and from which device, as `current()` has them, without reading the
   * machines (the settings file) or parsing the reading again: the router asks at every question.
   */
  servedBy(): Pick<LmLinkState, 'available' | 'servedBy'>;
  /** Read now (one read at a time: a call during a read gets that read). */
  refresh(): Promise<LmLinkState>;
  /** The first reading once it is there, then as `current()` (for fleet.list and the CLI). */
  latest(): Promise<LmLinkState>;
  /**
   * Told when a reading differs from the one before (a peer came or went, the serving device changed).
   * While anyone listens, LM Link is read every `refreshMs` on its own; returns the unsubscribe function.
   */
  onChange(listener: (state: LmLinkState) => void): () => void;
}

/** A reading kept before `added` is worked out: the parsed status, or why there is none. */
type Reading = { stdout: string } | { message: string };

const NOT_READ_YET = 'LM Link has not been read yet.';

async function readOnce(lms: LmsProcess, timeoutMs: number): Promise<Reading> {
  try {
    const result = await lms.run(['link', 'status', '--json'], {}, timeoutMs);
    if (result.exitCode === 0) return { stdout: result.stdout };
    const said = lmsMessage(result);
    if (lmsSaysNotRunning(said)) return { message: 'LM Studio is not running, so LM Link cannot be read. Start it.' };
    if (said !== null && /unknown command/i.test(said))
      return { message: `This lms has no \`link\` command (${said}): update LM Studio to use LM Link.` };
    return { message: `\`lms link status --json\` failed (exit ${result.exitCode})${said ? `: ${said}` : ''}.` };
  } catch (error) {
    // lms-missing, a timeout: the client's own messages already say what to do.
    return { message: `LM Link cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The LM Link reader for this machine. */
export function createLmLinkReader(options: LmLinkReaderOptions): LmLinkReader {
  const platform = options.platform ?? process.platform;
  const now = options.now ?? Date.now;
  const refreshMs = options.refreshMs ?? 45_000;
  const baseUrl = options.lmstudio.getBaseUrl();
  const lms = createLmsProcess({
    env: options.env,
    platform,
    lmStudioHome: options.lmStudioHome ?? resolveLmStudioHome({ env: options.env, platform }),
    baseUrl,
    where: isDefaultLocalServer(baseUrl) ? 'LM Studio' : `LM Studio at ${baseUrl}`,
    getToken: () => options.lmstudio.getToken(),
    run: options.run ?? runProcess,
    fileExists: options.fileExists ?? ((file: string) => isExecutableFile(file, platform)),
  });
  let reading: Reading = { message: NOT_READ_YET };
  let readAt: number | null = null;
  let pending: Promise<LmLinkState> | null = null;
  // A listener that throws is reported by the emitter and never breaks a reading.
  const events = createEmitter<{ change: LmLinkState }>();
  let listening = 0;
  let told: string | null = null;
  let timer: NodeJS.Timeout | null = null;

  function stateOf(r: Reading): LmLinkState {
    if ('message' in r) return lmLinkUnavailable(r.message);
    return parseLmLinkStatus(r.stdout, options.machines());
  }

  function refresh(): Promise<LmLinkState> {
    pending ??= readOnce(lms, options.timeoutMs ?? 10_000)
      .then((r) => {
        reading = r;
        readAt = now();
        // A missing lms is looked for again next time (LM Studio may have installed it since).
        if ('message' in r) lms.forget();
        const state = stateOf(r);
        const shown = JSON.stringify(state);
        if (told !== null && shown !== told) events.emit('change', state);
        told = shown;
        return state;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  function current(): LmLinkState {
    if (readAt === null || now() - readAt >= refreshMs) void refresh();
    return stateOf(reading);
  }

  // servedBy() per reading: which device serves localhost:1234 does not depend on the machines.
  let served: { of: Reading; state: Pick<LmLinkState, 'available' | 'servedBy'> } | null = null;
  function servedBy(): Pick<LmLinkState, 'available' | 'servedBy'> {
    if (readAt === null || now() - readAt >= refreshMs) void refresh();
    if (served?.of !== reading) {
      const { available, servedBy: from } =
        'message' in reading ? stateOf(reading) : parseLmLinkStatus(reading.stdout, []);
      served = { of: reading, state: { available, servedBy: from } };
    }
    return served.state;
  }

  return {
    current,
    servedBy,
    refresh,
    latest: () => (readAt === null ? refresh() : Promise.resolve(current())),
    onChange(listener) {
      const off = events.on('change', listener);
      listening += 1;
      if (!timer) {
        timer = setInterval(() => void refresh(), refreshMs);
        // Reading LM Link never keeps a process alive.
        timer.unref();
        if (readAt === null) void refresh();
      }
      let done = false;
      return () => {
        if (done) return;
        done = true;
        off();
        listening -= 1;
        if (listening === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
  };
}
