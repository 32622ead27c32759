/**
 * Wires the energy feature for one process: opens the ledger in loadout.db, builds the tracker and the
 * idle watchdog, and attaches them to a hardware monitor. Used by createAppCore (tray app, `loadout
 * serve`) and by `loadout monitor`, so every process that samples the GPU feeds the same ledger.
 */
import { isCorruption, isLocked } from '../db/database-errors';
import type { DbLockStatus } from '../db/db-lock-status';
import { BACKGROUND_BUSY_TIMEOUT_MS } from '../db/pending-writes';
import { openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from '../db/open-database';
import { resolveUserLocale } from '../../../shared/i18n/user-locale';
import { processLocales } from '../process/os-locales';
import type { EnergyContext } from '../../../shared/energy/types';
import type { Settings } from '../../../shared/settings/schema';
import { listenerErrorsTo } from '../../../shared/events/listener-errors-to';
import type { HardwareMonitor } from '../hardware/monitor-types';
import { EnergyLedger } from './energy-ledger';
import { ENERGY_COMPONENT, ENERGY_MIGRATIONS } from './energy-schema';
import { EnergyTracker } from './energy-tracker';
import { IdleWatchdog } from './idle-watchdog';

export interface EnergyServiceOptions {
  dataDir: string;
  settings: () => Settings;
  /** Loadout's own state; default: nothing known (no preset, no models, no requests). */
  getContext?: () => EnergyContext;
  /** The OS locales, most preferred first: with the UI language setting they pick the idle alert's currency (default: this process's). */
  osLocales?: readonly string[];
  /** Messages a person should see (a damaged database moved aside, a failed write). */
  onMessage?: (message: string) => void;
  /** Where the ledger's writers say whether another process's lock keeps rows out (the windows' banner). */
  lockStatus?: Pick<DbLockStatus, 'writer'>;
  flushIntervalMs?: number;
  /** While the database is locked, at most this many minutes of readings wait in memory (default 24 h). */
  maxUnsavedMinutes?: number;
}

export interface EnergyService {
  tracker: EnergyTracker;
  ledger: EnergyLedger | null;
  watchdog: IdleWatchdog;
  /** Why there is no ledger (the database could not be opened), or null. */
  ledgerError: string | null;
  /** Feed this monitor's samples to the tracker; returns the detach function. */
  attach(monitor: Pick<HardwareMonitor, 'subscribe'>): () => void;
  /** Flush, release the writer lease, close the database. */
  dispose(): void;
  /**
   * Like dispose, but first retries for up to `graceMs` (off the event loop) what a locked database kept
   * out, then says what could not be saved. For a command that ends (`loadout monitor --count N`).
   */
  close(graceMs: number): Promise<void>;
}

const NO_CONTEXT: EnergyContext = { presetId: null, loadedModelKeys: [], inFlight: 0 };

/**
 * Open the energy ledger (the database) for reading and writing; shared by the service and `loadout energy`.
 * `busyTimeoutMs`: how long a statement waits for another process's lock (the service, which writes on
 * the event loop, waits only BACKGROUND_BUSY_TIMEOUT_MS and retries later).
 */
export function openEnergyLedger(
  dataDir: string,
  onMessage?: (message: string) => void,
  integrityCheck?: OpenDatabaseOptions['integrityCheck'],
  busyTimeoutMs?: number,
): { opened: OpenedDatabase; ledger: EnergyLedger } {
  const opened = openDatabase(dataDir, {
    component: ENERGY_COMPONENT,
    migrations: ENERGY_MIGRATIONS,
    onRecovered: onMessage,
    integrityCheck,
    busyTimeoutMs,
  });
  return { opened, ledger: new EnergyLedger(opened.db) };
}

/** Build the energy feature; a database that cannot be opened leaves the tracker measuring in memory, with the reason. */
export function createEnergyService(input: EnergyServiceOptions): EnergyService {
  // Settings are consulted at every sample: read them at most every few seconds, not from disk each time.
  const options = { ...input, settings: cachedSettings(input.settings, 5000) };
  let opened: OpenedDatabase | null = null;
  let ledger: EnergyLedger | null = null;
  let ledgerError: string | null = null;
  try {
    ({ opened, ledger } = openEnergyLedger(options.dataDir, options.onMessage, 'header', BACKGROUND_BUSY_TIMEOUT_MS));
  } catch (error) {
    ledgerError = `Energy ledger unavailable: ${error instanceof Error ? error.message : String(error)}`;
    options.onMessage?.(ledgerError);
  }
  const getContext = options.getContext ?? (() => NO_CONTEXT);
  let lockNoted = false;
  const tracker: EnergyTracker = new EnergyTracker({
    ledger,
    getContext,
    gapLimitSeconds: () => options.settings().energy.gapLimitSeconds,
    flushIntervalMs: options.flushIntervalMs,
    maxUnsavedMinutes: options.maxUnsavedMinutes,
    onMessage: options.onMessage,
    lockStatus: options.lockStatus,
    onError: (error) => {
      if (isCorruption(error) && recoverLedger(error)) return;
      if (isLocked(error)) {
        // Said once: the rollups are retried at every flush until the lock goes away.
        if (!lockNoted)
          options.onMessage?.(
            `${opened?.file ?? 'loadout.db'} is locked by another program (a database browser or a backup tool?), so energy readings wait in memory (up to 24 h) and are written when it lets go. Close that program if this lasts.`,
          );
        lockNoted = true;
        return;
      }
      options.onMessage?.(
        `Could not write the energy ledger (${error instanceof Error ? error.message : String(error)}); readings stay in memory and the write is retried.`,
      );
    },
  });

  /** A write hit a damaged database: reopen it with the full check (moving it aside), keep measuring into the fresh one. */
  function recoverLedger(error: unknown): boolean {
    opened?.close();
    try {
      ({ opened, ledger } = openEnergyLedger(options.dataDir, options.onMessage, 'quick', BACKGROUND_BUSY_TIMEOUT_MS));
      if (!opened.recoveryMessage)
        options.onMessage?.(
          `The energy ledger reported damage (${error instanceof Error ? error.message : String(error)}) but passed a full check; it was reopened.`,
        );
    } catch (reopenError) {
      opened = null;
      ledger = null;
      ledgerError = `Energy ledger unavailable: ${reopenError instanceof Error ? reopenError.message : String(reopenError)}`;
      options.onMessage?.(ledgerError);
    }
    tracker.useLedger(ledger);
    return true;
  }
  const osLocales = options.osLocales ?? processLocales();
  const watchdog = new IdleWatchdog({
    tracker,
    ledger: () => ledger,
    settings: options.settings,
    currency: () => resolveUserLocale(options.settings(), osLocales).currency,
    onListenerError: listenerErrorsTo(options.onMessage, 'idle-power watchdog'),
  });
  tracker.start();
  watchdog.start();
  return {
    tracker,
    get ledger() {
      return ledger;
    },
    watchdog,
    get ledgerError() {
      return ledgerError;
    },
    attach(monitor) {
      return monitor.subscribe((sample) => tracker.ingest(sample));
    },
    dispose() {
      watchdog.stop();
      tracker.stop();
      opened?.close();
    },
    async close(graceMs) {
      watchdog.stop();
      const deadline = Date.now() + graceMs;
      // Retry the rollups until written (each try fails in a few ms while the lock is held), then the answers' rows.
      let saved = tracker.flush();
      while (!saved && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        saved = tracker.flush();
      }
      const requestsSaved = await tracker.drainRequests(Math.max(0, deadline - Date.now()));
      tracker.stop();
      if (!saved || !requestsSaved) {
        options.onMessage?.(
          `${opened?.file ?? 'loadout.db'} stayed locked by another program, so the energy readings of this run that were not written yet are lost. Close the program that holds it (a database browser, a backup tool) before the next run.`,
        );
      }
      opened?.close();
    },
  };
}

/** A settings getter that re-reads at most every `ttlMs`. */
function cachedSettings(read: () => Settings, ttlMs: number): () => Settings {
  let value: Settings | null = null;
  let readAt = 0;
  return () => {
    const now = Date.now();
    if (!value || now - readAt > ttlMs) {
      value = read();
      readAt = now;
    }
    return value;
  };
}
