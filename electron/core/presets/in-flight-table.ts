/**
 * The `in_flight` table of loadout.db: one row per answer a Loadout process is streaming from its LM Studio,
 * refreshed by a heartbeat, so a `loadout apply` in another terminal knows the model is busy even where
 * LM Studio cannot say so (no `lms`). A row whose heartbeat stopped or whose process is gone counts for
 * nothing: a crashed `loadout chat` never blocks a switch for long.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WriterLockReport } from '../db/db-lock-status';
import { BACKGROUND_BUSY_TIMEOUT_MS } from '../db/pending-writes';
import { DATABASE_FILE, openDatabase, type OpenedDatabase } from '../db/open-database';
import { InFlightRegistry } from './in-flight-registry';

export const IN_FLIGHT_COMPONENT = 'in-flight';

const IN_FLIGHT_MIGRATIONS = [
  `CREATE TABLE in_flight (
    id TEXT PRIMARY KEY, pid INTEGER NOT NULL, lmstudio TEXT NOT NULL, model TEXT NOT NULL,
    started_at INTEGER NOT NULL, heartbeat_at INTEGER NOT NULL, origin TEXT NOT NULL
  )`,
] as const;

/** One answer in flight: `model` is what the request named (a model key or an instance id). */
export interface InFlightRow {
  id: string;
  pid: number;
  /** The LM Studio the answer streams from (its base URL): rows for another LM Studio never block a switch. */
  lmstudio: string;
  model: string;
  /** Unix ms. */
  startedAt: number;
  heartbeatAt: number;
  /** What the process is, for the refusal a person reads ("loadout chat"). */
  origin: string;
}

export interface InFlightTable {
  /** Write these rows (insert, or refresh the heartbeat), delete `removeIds` and every row beating last before `staleBefore`, in one transaction. */
  sync(rows: readonly InFlightRow[], removeIds: readonly string[], staleBefore: number): void;
  /** Rows of processes other than `pid` for `lmstudio` with a heartbeat at or after `since`. */
  others(pid: number, lmstudio: string, since: number): InFlightRow[];
  /** Delete these rows (their process is gone). */
  remove(ids: readonly string[]): void;
  close(): void;
}

/**
 * Open the table in `dataDir`'s loadout.db with the short busy timeout (a lock fails a statement at once).
 * With `create` false and no database yet, null: nothing can be in flight elsewhere, and reading never creates the file.
 */
export function openInFlightTable(
  dataDir: string,
  create: boolean,
  onMessage?: (message: string) => void,
): InFlightTable | null {
  if (!create && !fs.existsSync(path.join(dataDir, DATABASE_FILE))) return null;
  const opened: OpenedDatabase = openDatabase(dataDir, {
    component: IN_FLIGHT_COMPONENT,
    migrations: IN_FLIGHT_MIGRATIONS,
    onRecovered: onMessage,
    busyTimeoutMs: BACKGROUND_BUSY_TIMEOUT_MS,
  });
  const { db } = opened;
  const upsert =
    db.prepare(`INSERT INTO in_flight (id, pid, lmstudio, model, started_at, heartbeat_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at`);
  const remove = db.prepare('DELETE FROM in_flight WHERE id = ?');
  const select = db.prepare(
    'SELECT id, pid, lmstudio, model, started_at, heartbeat_at, origin FROM in_flight WHERE pid != ? AND lmstudio = ? AND heartbeat_at >= ?',
  );
  const removeOld = db.prepare('DELETE FROM in_flight WHERE heartbeat_at < ?');
  const transaction = (work: () => void) => {
    db.exec('BEGIN IMMEDIATE');
    try {
      work();
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  };
  return {
    sync(rows, removeIds, staleBefore) {
      if (!rows.length && !removeIds.length) return;
      transaction(() => {
        for (const r of rows) upsert.run(r.id, r.pid, r.lmstudio, r.model, r.startedAt, r.heartbeatAt, r.origin);
        for (const id of removeIds) remove.run(id);
        removeOld.run(staleBefore);
      });
    },
    others(pid, lmstudio, since) {
      return (select.all(pid, lmstudio, since) as Record<string, unknown>[]).map((r) => ({
        id: String(r.id),
        pid: Number(r.pid),
        lmstudio: String(r.lmstudio),
        model: String(r.model),
        startedAt: Number(r.started_at),
        heartbeatAt: Number(r.heartbeat_at),
        origin: String(r.origin),
      }));
    },
    remove(ids) {
      if (ids.length) transaction(() => ids.forEach((id) => remove.run(id)));
    },
    close: () => opened.close(),
  };
}

/** The registry a core uses: this process's answers as rows of `dataDir`'s loadout.db, seen by every other Loadout process. */
export function createSharedInFlightRegistry(options: {
  dataDir: string;
  lmstudio: () => string;
  origin: string;
  onMessage?: (message: string) => void;
  onState?: WriterLockReport;
}): InFlightRegistry {
  return new InFlightRegistry({
    openTable: (create) => openInFlightTable(options.dataDir, create, options.onMessage),
    lmstudio: options.lmstudio,
    origin: options.origin,
    onMessage: options.onMessage,
    onState: options.onState,
  });
}
