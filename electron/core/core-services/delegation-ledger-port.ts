/**
 * The process's one delegation ledger on loadout.db, behind the port the delegation core writes through
 * (`recordDelegation`) and the faces read (`delegationSummary`). The table is opened at the first record
 * (an ask is worth creating loadout.db for); a summary never creates the file: without it, it is empty.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WriterLockReport } from '../db/db-lock-status';
import { DATABASE_FILE } from '../db/open-database';
import { sumTotals, type DelegationLedger, type DelegationSummaryQuery } from '../delegation-ledger/delegation-ledger';
import { openDelegationLedger } from '../delegation-ledger/open-delegation-ledger';
import type { DelegationRecord, DelegationSummary } from '../../../shared/delegation/delegation-record';

/** What the delegation core and the faces use. */
export interface DelegationLedgerPort {
  /** Keep one ask; never throws (a failure is said once through onMessage). */
  recordDelegation(row: DelegationRecord): void;
  /** Totals in [since, until) grouped by client, model or local day. */
  delegationSummary(query: DelegationSummaryQuery): DelegationSummary;
  /** Write what waits and close; a later call opens it again. */
  close(): void;
}

export interface DelegationLedgerPortOptions {
  dataDir: string;
  /** The user's currency now (energy.currency, else the locale's). */
  currency: () => string;
  onMessage: (message: string) => void;
  onLockState?: WriterLockReport;
}

/** The delegation ledger of `dataDir`, opened lazily. */
export function createDelegationLedgerPort(options: DelegationLedgerPortOptions): DelegationLedgerPort {
  let opened: { ledger: DelegationLedger | null; close(): void } | null = null;
  let unavailableSaid = false;
  const open = (): DelegationLedger | null => {
    if (opened) return opened.ledger;
    try {
      const handle = openDelegationLedger(options.dataDir, options);
      opened = { ledger: handle.ledger, close: () => handle.opened.close() };
    } catch (error) {
      // Said once; the next record tries to open it again (the lock may be gone by then).
      if (!unavailableSaid)
        options.onMessage(
          `the delegation ledger is unavailable (${error instanceof Error ? error.message : String(error)}); asks still work, but are not counted until it opens.`,
        );
      unavailableSaid = true;
      return null;
    }
    unavailableSaid = false;
    return opened.ledger;
  };
  const exists = () => opened !== null || fs.existsSync(path.join(options.dataDir, DATABASE_FILE));
  return {
    recordDelegation(row) {
      open()?.recordDelegation(row);
    },
    delegationSummary(query) {
      const ledger = exists() ? open() : null;
      if (ledger) return ledger.delegationSummary(query);
      return {
        from: new Date(query.since).toISOString(),
        to: new Date(query.until).toISOString(),
        by: query.by ?? 'client',
        currency: query.currency ?? options.currency(),
        totals: sumTotals([]),
        rows: [],
      };
    },
    close() {
      opened?.close();
      opened = null;
    },
  };
}
