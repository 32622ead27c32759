/** Database slice: whether another program holds loadout.db locked, so readings wait in the core's memory. */
import type { StateCreator } from 'zustand';
import type { DatabaseLockInfo } from '../../../shared/contract/database';
import type { AppState, StoreDeps } from './app-state';

export interface DatabaseSlice {
  /** loadout.db locked by another program (what waits, since when, what is dropped); null while writes go through. */
  databaseLock: DatabaseLockInfo | null;
  receiveDatabaseLock(lock: DatabaseLockInfo | null): void;
  /** Ask the core for the lock now (a window that opens during one); the `database.lock` event keeps it current. */
  loadDatabaseLock(): Promise<void>;
}

/** Build the database slice. */
export function createDatabaseSlice(deps: StoreDeps): StateCreator<AppState, [], [], DatabaseSlice> {
  return (set) => ({
    databaseLock: null,
    receiveDatabaseLock(databaseLock) {
      set({ databaseLock });
    },
    async loadDatabaseLock() {
      const r = await deps.api.call('database.lock', undefined);
      // A core without a database answers `unavailable`: nothing to show.
      if (r.ok) set({ databaseLock: r.result.lock });
    },
  });
}
