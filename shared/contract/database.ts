/** Contract: whether another program holds loadout.db's write lock, so that rows wait in this process's memory. */
import { z } from 'zod';
import { NoInput } from './common';
import { defineEvent, defineMethod } from './define';

/** loadout.db is locked by another program (a database browser, a backup tool): what waits, since when, what is lost. */
export const DatabaseLockSchema = z.object({
  /** The database file, e.g. ~/.config/Loadout/loadout.db */
  file: z.string(),
  /** When a write first found it locked (Unix ms). */
  since: z.number(),
  /** Rows (energy minutes, answers' records, chat messages) waiting in memory to be written. */
  waiting: z.number().int().nonnegative(),
  /** Rows dropped, oldest first, because the bounded buffer overflowed; 0 while none are. */
  dropped: z.number().int().nonnegative(),
});
export type DatabaseLockInfo = z.infer<typeof DatabaseLockSchema>;
const DatabaseLockState = z.object({ lock: DatabaseLockSchema.nullable() });

export const databaseMethods = {
  'database.lock': defineMethod(
    NoInput,
    DatabaseLockState,
    'Whether another program holds loadout.db locked now, and what waits in memory meanwhile (null when writes go through).',
  ),
} as const;

export const databaseEvents = {
  'database.lock': defineEvent(
    DatabaseLockState,
    'loadout.db got locked by another program, what waits changed, or it is writable again (lock: null).',
  ),
} as const;
