/**
 * What the windows show while another program holds loadout.db's write lock. Each of this process's
 * writers (the energy ledger's minutes, the answers' energy records, the chat store) reports its own
 * state; this adds them up into one `DatabaseLockInfo` and tells listeners of each change, so the
 * monitor's banner and the tray follow the lock without reading the log.
 */
import type { DatabaseLockInfo } from '../../../shared/contract/database';
import { createEmitter, type ListenerErrorReporter, type TypedEmitter } from '../../../shared/events/typed-emitter';

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
  private readonly events: TypedEmitter<{ change: DatabaseLockInfo | null }>;
  private since: number | null = null;
  private last: DatabaseLockInfo | null = null;

  /** `onListenerError`: where a change listener that threw is reported (default the console); the others are still told. */
  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
    onListenerError?: ListenerErrorReporter,
  ) {
    this.events = createEmitter(onListenerError);
  }

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
    return this.events.on('change', listener);
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
    this.events.emit('change', next);
  }
}
