import { describe, expect, it } from 'vitest';
import { DbLockStatus } from '../../../electron/core/db/db-lock-status';
import type { DatabaseLockInfo } from '../../../shared/contract/database';

describe('DbLockStatus', () => {
  it('tells every listener of a change, and reports one that throws instead of failing the writer', () => {
    const failures: Array<[unknown, string]> = [];
    const status = new DbLockStatus(
      '/data/loadout.db',
      () => 1000,
      (error, event) => failures.push([error, event]),
    );
    const broke = new Error('listener broke');
    status.onChange(() => {
      throw broke;
    });
    const seen: Array<DatabaseLockInfo | null> = [];
    status.onChange((lock) => seen.push(lock));
    const report = status.writer('energy minutes');
    expect(() => report({ locked: true, waiting: 3, dropped: 0 })).not.toThrow();
    report({ locked: false, waiting: 0, dropped: 0 });
    expect(seen).toEqual([{ file: '/data/loadout.db', since: 1000, waiting: 3, dropped: 0 }, null]);
    expect(failures).toEqual([
      [broke, 'change'],
      [broke, 'change'],
    ]);
  });
});
