/**
 * The gaming sessions in loadout.db, beside the energy ledger (issue 19: "every switch is a line in the
 * ledger"): one row per session, and the energy the desk's GPUs spent during it, summed from the energy
 * ledger's minutes when it has them. The lines written before to gaming-sessions.jsonl are imported once
 * (the file is then renamed, not deleted, so nothing is lost; a second import adds no duplicate).
 */
import fs from 'node:fs';
import path from 'node:path';
import { GAMING_OUTCOMES, type GamingSession } from '../../../shared/contract/gaming';
import type { Database } from '../db/load-sqlite';
import { openDatabase, type Migration, type OpenedDatabase } from '../db/open-database';
import { GAMING_HISTORY_FILE, readGamingHistory } from './gaming-history';

export const GAMING_COMPONENT = 'gaming';
/** What gaming-sessions.jsonl becomes once its lines are in the database. */
export const GAMING_HISTORY_IMPORTED = `${GAMING_HISTORY_FILE}.imported`;

export const GAMING_MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE gaming_session (
     started_ms INTEGER NOT NULL,
     ended_ms INTEGER NOT NULL,
     game TEXT NOT NULL,
     outcome TEXT NOT NULL,
     detail TEXT,
     PRIMARY KEY (started_ms, game)
   ) WITHOUT ROWID;
   CREATE INDEX gaming_session_end ON gaming_session (ended_ms);`,
];

/** A session as the ledger keeps it, with the GPU energy spent during it (Wh), or null when unknown. */
export interface LedgerGamingSession extends GamingSession {
  energyWh: number | null;
}

interface Row {
  started_ms: number;
  ended_ms: number;
  game: string;
  outcome: string;
  detail: string | null;
}

export class GamingLedger {
  constructor(readonly db: Database) {}

  /** Keep one session (the same start and game again replaces it). */
  record(session: GamingSession): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO gaming_session (started_ms, ended_ms, game, outcome, detail) VALUES (?, ?, ?, ?, ?)',
      )
      .run(Date.parse(session.startedAt), Date.parse(session.endedAt), session.game, session.outcome, session.detail);
  }

  /** The newest `max` sessions, newest first, optionally only those that ended at or after `sinceMs`. */
  latest(max: number, sinceMs = 0): LedgerGamingSession[] {
    const rows = this.db
      .prepare('SELECT * FROM gaming_session WHERE ended_ms >= ? ORDER BY started_ms DESC LIMIT ?')
      .all(sinceMs, max) as unknown as Row[];
    return this.withEnergy(rows);
  }

  /** Every session that overlaps [fromMs, toMs] (a report's period), newest first. */
  between(fromMs: number, toMs: number): LedgerGamingSession[] {
    const rows = this.db
      .prepare('SELECT * FROM gaming_session WHERE ended_ms >= ? AND started_ms <= ? ORDER BY started_ms DESC')
      .all(fromMs, toMs) as unknown as Row[];
    return this.withEnergy(rows);
  }

  private withEnergy(rows: Row[]): LedgerGamingSession[] {
    return rows
      .filter((r) => (GAMING_OUTCOMES as readonly string[]).includes(r.outcome))
      .map((r) => ({
        game: r.game,
        startedAt: new Date(r.started_ms).toISOString(),
        endedAt: new Date(r.ended_ms).toISOString(),
        outcome: r.outcome as GamingSession['outcome'],
        detail: r.detail,
        energyWh: this.energyWhBetween(r.started_ms, r.ended_ms),
      }));
  }

  /** The GPU energy spent during one session (Wh), or null when the energy ledger has no minute of it. */
  energyWhOf(session: GamingSession): number | null {
    return this.energyWhBetween(Date.parse(session.startedAt), Date.parse(session.endedAt));
  }

  /** GPU energy of the ledger's minutes that overlap [start, end), or null without any (no ledger, no GPU). */
  private energyWhBetween(startMs: number, endMs: number): number | null {
    try {
      const row = this.db
        .prepare('SELECT sum(energy_j) AS j, count(*) AS n FROM energy_minute WHERE minute_ms > ? AND minute_ms < ?')
        .get(startMs - 60_000, endMs) as unknown as { j: number | null; n: number };
      return row.n > 0 && row.j !== null ? row.j / 3600 : null;
    } catch {
      return null; // the energy tables are not there yet (no sample ever written)
    }
  }

  /** Move the lines of gaming-sessions.jsonl in once; returns how many were read. */
  importJsonl(dataDir: string): number {
    const file = path.join(dataDir, GAMING_HISTORY_FILE);
    if (!fs.existsSync(file)) return 0;
    const sessions = readGamingHistory(dataDir, Number.MAX_SAFE_INTEGER);
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO gaming_session (started_ms, ended_ms, game, outcome, detail) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const s of sessions) insert.run(Date.parse(s.startedAt), Date.parse(s.endedAt), s.game, s.outcome, s.detail);
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    fs.renameSync(file, path.join(dataDir, GAMING_HISTORY_IMPORTED));
    return sessions.length;
  }
}

/** Open the sessions' table in loadout.db and import the old jsonl lines; throws when the database cannot be opened. */
export function openGamingLedger(
  dataDir: string,
  onMessage?: (message: string) => void,
): { opened: OpenedDatabase; ledger: GamingLedger } {
  const opened = openDatabase(dataDir, {
    component: GAMING_COMPONENT,
    migrations: GAMING_MIGRATIONS,
    onRecovered: onMessage,
  });
  const ledger = new GamingLedger(opened.db);
  try {
    ledger.importJsonl(dataDir);
  } catch (error) {
    onMessage?.(`Could not import ${GAMING_HISTORY_FILE} into the ledger (kept as it is): ${(error as Error).message}`);
  }
  return { opened, ledger };
}
