/**
 * Opens `loadout.db` in the data folder for any feature (energy ledger, benchmarks, chat history):
 * WAL journal, a busy timeout so several processes (tray app + CLI) can write, and per-feature schema
 * migrations. A damaged file is moved aside as `loadout.db.corrupt-<time>` and reported, never
 * recreated over; a file held locked by another process is reported and left alone.
 *
 * Migrations are versioned per component (one row each in `loadout_schema`) rather than with the
 * single PRAGMA user_version, because several features share this one file and each evolves its own
 * tables; user_version records the version of this bookkeeping itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseLockedError, DatabaseTooNewError, isCorruption, isLocked } from './database-errors';
import { loadSqlite, type Database } from './load-sqlite';

export const DATABASE_FILE = 'loadout.db';
const BOOKKEEPING_VERSION = 1;

/** One migration step: SQL to run, or a function given the open database (inside the migration transaction). */
export type Migration = string | ((db: Database) => void);

export interface OpenDatabaseOptions {
  /** Which feature's tables these migrations build ("energy", "bench", …). */
  component: string;
  /** Steps in order; step i brings the component from version i to i + 1. Never edit a released step: append. */
  migrations: readonly Migration[];
  fileName?: string;
  /** How long a statement waits for another process's lock (ms). */
  busyTimeoutMs?: number;
  /** Called once when a damaged file was moved aside. */
  onRecovered?: (message: string) => void;
  /**
   * How hard to look for damage at open: 'header' (default) reads the schema, which catches a file that
   * is not a database or has a broken header, in well under a millisecond; 'quick' runs PRAGMA quick_check,
   * which reads every page (tens of ms per 10 MB): use it after a query has reported corruption.
   */
  integrityCheck?: 'header' | 'quick';
  now?: () => number;
}

export interface OpenedDatabase {
  db: Database;
  file: string;
  /** Set when a damaged file was moved aside at open: what happened and where the old file is. */
  recoveryMessage: string | null;
  close(): void;
}

/** Open (creating or migrating) the shared database; see the module comment for the failure rules. */
export function openDatabase(dataDir: string, options: OpenDatabaseOptions): OpenedDatabase {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, options.fileName ?? DATABASE_FILE);
  let recoveryMessage: string | null = null;
  let db: Database;
  try {
    db = openAndMigrate(file, options);
  } catch (error) {
    if (isLocked(error)) throw new DatabaseLockedError(file, error);
    if (!isCorruption(error)) throw error;
    const aside = moveAside(file, (options.now ?? Date.now)());
    recoveryMessage = `The database ${file} was damaged (${error instanceof Error ? error.message : String(error)}). It was moved to ${aside} and a fresh one was started; the old file is kept so its data can be recovered (for example with \`sqlite3 ${path.basename(aside)} .recover\`).`;
    db = openAndMigrate(file, options);
    options.onRecovered?.(recoveryMessage);
  }
  return {
    db,
    file,
    recoveryMessage,
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}

function openAndMigrate(file: string, options: OpenDatabaseOptions): Database {
  const { DatabaseSync } = loadSqlite();
  const db = new DatabaseSync(file);
  try {
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? 5000))}`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (options.integrityCheck === 'quick') {
      const check = db.prepare('PRAGMA quick_check(1)').get() as Record<string, unknown> | undefined;
      const verdict = check ? String(Object.values(check)[0]) : 'ok';
      if (verdict !== 'ok') throw Object.assign(new Error(`integrity check failed: ${verdict}`), { errcode: 11 });
    }
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    migrate(db, file, options);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Database, file: string, options: OpenDatabaseOptions): void {
  // Up to date already (the common case): no write lock, so opening never waits on another writer.
  if (readVersion(db, options.component) === options.migrations.length) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('CREATE TABLE IF NOT EXISTS loadout_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL)');
    const row = db.prepare('SELECT version FROM loadout_schema WHERE component = ?').get(options.component) as
      { version: number } | undefined;
    const current = row?.version ?? 0;
    if (current > options.migrations.length)
      throw new DatabaseTooNewError(file, options.component, current, options.migrations.length);
    for (let v = current; v < options.migrations.length; v += 1) {
      const step = options.migrations[v];
      if (typeof step === 'string') db.exec(step);
      else step?.(db);
    }
    if (current < options.migrations.length) {
      db.prepare(
        'INSERT INTO loadout_schema (component, version) VALUES (?, ?) ON CONFLICT(component) DO UPDATE SET version = excluded.version',
      ).run(options.component, options.migrations.length);
    }
    db.exec(`PRAGMA user_version = ${BOOKKEEPING_VERSION}`);
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** The component's schema version, or null when the bookkeeping table does not exist yet. */
function readVersion(db: Database, component: string): number | null {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'loadout_schema'").get();
  if (!table) return null;
  const row = db.prepare('SELECT version FROM loadout_schema WHERE component = ?').get(component) as
    { version: number } | undefined;
  return row?.version ?? 0;
}

/** Move a damaged database and its WAL/SHM side files out of the way; returns the new main path. */
function moveAside(file: string, nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  const aside = `${file}.corrupt-${stamp}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  }
  return aside;
}
