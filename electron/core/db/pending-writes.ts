/**
 * Background writes that never wait on the event loop for another process's lock on loadout.db (a DB
 * browser, a backup tool, another Loadout). The connection's busy timeout is kept to a few ms
 * (BACKGROUND_BUSY_TIMEOUT_MS): a write that finds the file locked fails at once, its rows stay here, in
 * a bounded buffer, and are retried with backoff until the lock goes away. bench/db-lock.ts measured this
 * against the old 5 s busy timeout and against a worker thread (see bench/RESULTS.md).
 */
import { isLocked } from './database-errors';
import type { WriterLockReport } from './db-lock-status';

/** The busy timeout (ms) of connections whose writes run on the event loop: a held lock costs at most this per try. */
export const BACKGROUND_BUSY_TIMEOUT_MS = 2;

/**
 * Run a one-off write (a benchmark result) on a connection with the short busy timeout, trying again every
 * `stepMs` off the event loop while another process holds the lock, for up to `timeoutMs`; then its lock error.
 */
export async function retryWhileLocked<T>(write: () => T, options: { timeoutMs: number; stepMs?: number }): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    try {
      return write();
    } catch (error) {
      if (!isLocked(error) || Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, options.stepMs ?? 100));
  }
}

export interface PendingWritesOptions<T> {
  /**
   * Write the rows, oldest first; returns how many (from the front) are done. A throw that `isLocked`
   * recognises keeps every row for a retry; any other throw goes to `onError` and drops the batch.
   */
  write(batch: readonly T[]): number;
  /** At most this many rows wait; past it the oldest are dropped, with a message. */
  capacity: number;
  /** What the rows are, for messages ("energy records of answers"). */
  what: string;
  /** The database file, for messages. */
  file: string;
  onMessage?: (message: string) => void;
  onError?: (error: unknown) => void;
  /** Told after each try whether the lock kept rows out, how many wait and how many were dropped (for the windows). */
  onState?: WriterLockReport;
  /** First retry delay (ms), doubled up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

/** A bounded queue of rows written when the database lets us, retried while another process holds its lock. */
export class PendingWrites<T> {
  private rows: T[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private delayMs: number;
  private locked = false;
  private droppedInEpisode = 0;

  constructor(private readonly options: PendingWritesOptions<T>) {
    this.delayMs = options.retryMs ?? 250;
  }

  /** How many rows wait. */
  get size(): number {
    return this.rows.length;
  }

  /** Whether the last try found the database locked. */
  get isLocked(): boolean {
    return this.locked;
  }

  /** Queue rows and try to write everything now; true when nothing waits any more. */
  push(...rows: T[]): boolean {
    this.rows.push(...rows);
    return this.flush();
  }

  /** Try to write what waits, now; true when nothing waits any more. */
  flush(): boolean {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.rows.length === 0) return true;
    const batch = this.rows;
    this.rows = [];
    let done = 0;
    let lockError: unknown = null;
    try {
      done = Math.max(0, Math.min(batch.length, this.options.write(batch)));
      if (done < batch.length) lockError = new Error('database is locked');
    } catch (error) {
      if (!isLocked(error)) {
        this.options.onError?.(error);
        this.report(false);
        return true;
      }
      lockError = error;
    }
    if (lockError === null) {
      if (this.locked)
        this.options.onMessage?.(
          `${this.options.file} is writable again: the ${this.options.what} kept in memory were written.`,
        );
      this.locked = false;
      this.droppedInEpisode = 0;
      this.delayMs = this.options.retryMs ?? 250;
      this.report(false);
      return true;
    }
    this.rows = batch.slice(done).concat(this.rows);
    if (!this.locked) {
      this.options.onMessage?.(
        `${this.options.file} is locked by another program (a database browser or a backup tool?), so the ${this.options.what} wait in memory (up to ${this.options.capacity}) and are written when it lets go. Close that program if this lasts.`,
      );
    }
    this.locked = true;
    this.bound();
    this.timer = setTimeout(() => this.flush(), this.delayMs);
    this.timer.unref?.();
    this.delayMs = Math.min(this.delayMs * 2, this.options.maxRetryMs ?? 5000);
    this.report(true);
    return false;
  }

  /** Retry until everything is written or `timeoutMs` has passed, waiting between tries off the event loop; true when written. */
  async drain(timeoutMs: number, stepMs = 100): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.flush()) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, stepMs));
    }
    return true;
  }

  /** Stop retrying (the database is closing); returns the rows that were never written. */
  abandon(): T[] {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.rows.splice(0);
  }

  private report(locked: boolean): void {
    this.options.onState?.({ locked, waiting: this.rows.length, dropped: locked ? this.droppedInEpisode : 0 });
  }

  private bound(): void {
    const excess = this.rows.length - this.options.capacity;
    if (excess <= 0) return;
    this.rows.splice(0, excess);
    if (this.droppedInEpisode === 0) {
      this.options.onMessage?.(
        `${this.options.file} has stayed locked by another program for so long that the ${this.options.what} waiting in memory passed ${this.options.capacity}: the oldest are being dropped. Close the program that holds ${this.options.file} (a database browser, a backup tool) so Loadout can write again.`,
      );
    }
    this.droppedInEpisode += excess;
  }
}
