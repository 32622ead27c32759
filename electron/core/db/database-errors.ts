/** Classifies SQLite failures into what Loadout does about them. */

/** SQLite result codes (primary) that matter here. */
export const SQLITE_BUSY = 5;
export const SQLITE_LOCKED = 6;
export const SQLITE_CORRUPT = 11;
export const SQLITE_NOTADB = 26;

/** The primary SQLite result code of an error thrown by node:sqlite, or null. */
export function sqliteCode(error: unknown): number | null {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' ? code & 0xff : null;
}

/** The file is damaged or not a database: move it aside and start fresh. */
export function isCorruption(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === SQLITE_CORRUPT || code === SQLITE_NOTADB;
}

/** Another process holds the lock longer than the busy timeout. */
export function isLocked(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === SQLITE_BUSY || code === SQLITE_LOCKED;
}

/** The database is held by another process for longer than Loadout waits. */
export class DatabaseLockedError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(
      `The database ${file} stayed locked by another process for too long (${cause instanceof Error ? cause.message : String(cause)}). Another Loadout (the tray app or a \`loadout\` command) is probably writing to it; try again in a moment, or close the other one. Nothing was changed.`,
    );
    this.name = 'DatabaseLockedError';
  }
}

/** The database was written by a newer Loadout. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly file: string,
    component: string,
    found: number,
    known: number,
  ) {
    super(
      `The ${component} data in ${file} was written by a newer Loadout (schema ${found}; this one knows up to ${known}). Update Loadout; nothing was changed.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}
