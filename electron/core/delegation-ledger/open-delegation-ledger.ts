/** Opens the delegation ledger in the shared loadout.db (WAL, migrations per component, the short busy timeout of background writers). */
import type { WriterLockReport } from '../db/db-lock-status';
import { openDatabase, type OpenedDatabase } from '../db/open-database';
import { BACKGROUND_BUSY_TIMEOUT_MS } from '../db/pending-writes';
import { DelegationLedger } from './delegation-ledger';
import { DELEGATION_COMPONENT, DELEGATION_MIGRATIONS } from './delegation-schema';

export interface OpenDelegationLedgerOptions {
  currency: () => string;
  onMessage?: (message: string) => void;
  onLockState?: WriterLockReport;
}

/** Open the delegations table in `dataDir`; closing writes what still waits first (a held lock keeps it, said by the queue). */
export function openDelegationLedger(
  dataDir: string,
  options: OpenDelegationLedgerOptions,
): { opened: OpenedDatabase; ledger: DelegationLedger } {
  // Written on the event loop (serve, the tray app, `loadout mcp`): a held lock costs a few ms, and the rows are retried.
  const opened = openDatabase(dataDir, {
    component: DELEGATION_COMPONENT,
    migrations: DELEGATION_MIGRATIONS,
    onRecovered: options.onMessage,
    busyTimeoutMs: BACKGROUND_BUSY_TIMEOUT_MS,
  });
  const ledger = new DelegationLedger(opened.db, options);
  return {
    ledger,
    opened: {
      ...opened,
      close: () => {
        ledger.flush();
        const lost = ledger.abandon();
        if (lost.length > 0)
          options.onMessage?.(
            `${lost.length} delegation records could not be written before closing (${opened.file} stayed locked by another program); they are lost.`,
          );
        opened.close();
      },
    },
  };
}
