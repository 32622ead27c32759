/**
 * What the windows show while another program holds loadout.db's write lock. Each of this process's
 * writers (the energy ledger's minutes, the answers' energy records, the chat store) reports its own
 * state; this adds them up into one `DatabaseLockInfo` and tells listeners of each change, so the
 * monitor's banner and the tray follow the lock without reading the log.
 */
import type { DatabaseLockInfo } from '../../../shared/contract/database';

/** One writer's state after its last try. */
export interface WriterLockState {
  /** The last write found the database locked by another process. */
  locked: boolean;
  /** Rows waiting in memory. */
  waiting: number;
  /** Rows dropped (oldest first) since the lock began. */
  dropped: number;
}

export type WriterLockReport = (state: WriterLockState) => void;

export class DbLockStatus {
  private readonly writers = new Map<string, WriterLockState>();
  private readonly listeners = new Set<(lock: DatabaseLockInfo | null) => void>();
  private since: number | null = null;
  private last: DatabaseLockInfo | null = null;

  constructor(private readonly file: string, private readonly now: () => number = Date.now) {}

  /** The reporter a writer calls after each try; `name` keeps writers apart. */
  writer(name: string): WriterLockReport {
    return (state) => {
      this.writers.set(name, { ...state });
      this.update();
    };
  }

  /** The lock now, or null while writes go through. */
  get current(): DatabaseLockInfo | null {
    return this.last;
  }

  /** Be told of each change (locked, more or fewer rows waiting, dropping began, writable again: null). */
  onChange(listener: (lock: DatabaseLockInfo | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(): void {
    const states = [...this.writers.values()];
    let next: DatabaseLockInfo | null = null;
    if (states.some((s) => s.locked)) {
      this.since ??= this.now();
      next = {
        file: this.file,
        since: this.since,
        waiting: states.reduce((n, s) => n + s.waiting, 0),
        dropped: states.reduce((n, s) => n + s.dropped, 0),
      };
    } else {
      this.since = null;
    }
    if (JSON.stringify(next) === JSON.stringify(this.last)) return;
    this.last = next;
    for (const listener of this.listeners) listener(next);
  }
}
