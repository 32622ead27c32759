/**
 * The delegation ledger over loadout.db: records every MCP `ask` and sums them per client, model or
 * local day. A record never throws into an answer: while another process holds the database's lock the
 * rows wait in memory and are written when it lets go (db/pending-writes.ts, as the energy records of
 * answers do); any other failure is said once, and again only after a write has succeeded.
 */
import type { Database } from '../db/load-sqlite';
import type { WriterLockReport } from '../db/db-lock-status';
import { PendingWrites } from '../db/pending-writes';
import { localParts } from '../../../shared/energy/report-period';
import { delegationSaving } from '../../../shared/delegation/delegation-money';
import type {
  DelegationGrouping,
  DelegationRecord,
  DelegationSummary,
  DelegationSummaryRow,
  DelegationTotals,
} from '../../../shared/delegation/delegation-record';

export interface DelegationLedgerOptions {
  /** The currency a row without one is kept in (the user's, resolved at write time). */
  currency: () => string;
  /** Where a failed write or a held lock is said. */
  onMessage?: (message: string) => void;
  onLockState?: WriterLockReport;
  maxPendingWrites?: number;
}

export interface DelegationSummaryQuery {
  /** Window start and end (Unix ms, end excluded). */
  since: number;
  until: number;
  by?: DelegationGrouping;
  /** The currency money is summed in; rows kept in another one count everything but money. Default: the ledger's. */
  currency?: string;
}

type Row = Record<string, unknown>;

const GROUP_KEY: Record<DelegationGrouping, string> = {
  client: 'client',
  model: "coalesce(model, '')",
  day: 'local_day',
};

/** SQL access to the delegations table of an open, migrated database. */
export class DelegationLedger {
  private readonly insert;
  private readonly pending: PendingWrites<DelegationRecord & { currency: string }>;
  private failing = false;

  constructor(
    readonly db: Database,
    private readonly options: DelegationLedgerOptions,
  ) {
    this.insert =
      db.prepare(`INSERT INTO delegations (at_ms, local_day, client, task, model, machine, answered, declined, reason,
      prompt_tokens, completion_tokens, energy_wh, cost_local, cloud_cost_avoided, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.pending = new PendingWrites({
      write: (rows) => this.writeBatch(rows),
      capacity: options.maxPendingWrites ?? 5000,
      what: 'delegation records',
      file: 'loadout.db',
      onMessage: options.onMessage,
      onError: (error) => this.fail(error),
      onState: options.onLockState,
    });
  }

  /** Keep one ask; never throws (see the module comment). */
  recordDelegation(row: DelegationRecord): void {
    try {
      this.pending.push({ ...row, currency: row.currency ?? this.options.currency() });
    } catch (error) {
      this.fail(error);
    }
  }

  /** How many records wait for another process's lock to go away. */
  pendingCount(): number {
    return this.pending.size;
  }

  /** Try to write what waits, now; true when nothing waits any more. */
  flush(): boolean {
    return this.db.isOpen ? this.pending.flush() : false;
  }

  /** Stop retrying (closing); returns the records never written. */
  abandon(): DelegationRecord[] {
    return this.pending.abandon();
  }

  /** The delegations in [since, until) grouped by client, model or local day (days oldest first, the others busiest first). */
  delegationSummary(query: DelegationSummaryQuery): DelegationSummary {
    const by = query.by ?? 'client';
    const currency = query.currency ?? this.options.currency();
    const key = GROUP_KEY[by];
    const rows = this.db
      .prepare(
        `SELECT ${key} AS key, count(*) AS tasks, sum(answered) AS answered, sum(declined) AS declined,
        sum(prompt_tokens) AS prompt_tokens, sum(completion_tokens) AS completion_tokens, sum(coalesce(energy_wh, 0)) AS energy_wh,
        sum(CASE WHEN currency = ? THEN cost_local END) AS cost_local, sum(CASE WHEN currency = ? THEN cloud_cost_avoided END) AS cloud_cost_avoided
      FROM delegations WHERE at_ms >= ? AND at_ms < ? GROUP BY ${key}
      ORDER BY ${by === 'day' ? 'key' : 'tasks DESC, key'}`,
      )
      .all(currency, currency, query.since, query.until) as Row[];
    const shaped = rows.map(toSummaryRow);
    return {
      from: new Date(query.since).toISOString(),
      to: new Date(query.until).toISOString(),
      by,
      currency,
      totals: sumTotals(shaped),
      rows: shaped,
    };
  }

  /** One transaction for the batch; throws (writing nothing) when another process holds the lock. A bad row does not cost the others. */
  private writeBatch(rows: ReadonlyArray<DelegationRecord & { currency: string }>): number {
    let rowError: unknown = null;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const r of rows) {
        try {
          this.insert.run(
            r.at,
            localParts(r.at).day,
            r.client,
            r.task,
            r.model,
            r.machine,
            r.answered ? 1 : 0,
            r.declined ? 1 : 0,
            r.reason,
            Math.round(r.promptTokens),
            Math.round(r.completionTokens),
            r.energyWh,
            r.costLocal,
            r.cloudCostAvoided,
            r.currency,
          );
        } catch (error) {
          rowError ??= error;
        }
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    if (rowError) this.fail(rowError);
    else this.failing = false;
    return rows.length;
  }

  private fail(error: unknown): void {
    if (!this.failing) {
      this.options.onMessage?.(
        `a delegation was not saved to the ledger (${error instanceof Error ? error.message : String(error)}). Asks still work; check that loadout.db in the data folder is writable and the disk has space. This is said once until saving works again.`,
      );
    }
    this.failing = true;
  }
}

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0);
const money = (v: unknown): number | null => (v === null || v === undefined ? null : num(v));

function toSummaryRow(r: Row): DelegationSummaryRow {
  const costLocal = money(r.cost_local);
  const cloudCostAvoided = money(r.cloud_cost_avoided);
  return {
    key: String(r.key),
    tasks: num(r.tasks),
    answered: num(r.answered),
    declined: num(r.declined),
    promptTokens: num(r.prompt_tokens),
    completionTokens: num(r.completion_tokens),
    energyWh: num(r.energy_wh),
    costLocal,
    cloudCostAvoided,
    saved: delegationSaving(cloudCostAvoided, costLocal),
  };
}

/** The totals of a summary's groups (money stays null when no group had any). */
export function sumTotals(rows: readonly DelegationTotals[]): DelegationTotals {
  const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);
  const t: DelegationTotals = {
    tasks: 0,
    answered: 0,
    declined: 0,
    promptTokens: 0,
    completionTokens: 0,
    energyWh: 0,
    costLocal: null,
    cloudCostAvoided: null,
    saved: null,
  };
  for (const r of rows) {
    t.tasks += r.tasks;
    t.answered += r.answered;
    t.declined += r.declined;
    t.promptTokens += r.promptTokens;
    t.completionTokens += r.completionTokens;
    t.energyWh += r.energyWh;
    t.costLocal = add(t.costLocal, r.costLocal);
    t.cloudCostAvoided = add(t.cloudCostAvoided, r.cloudCostAvoided);
  }
  t.saved = delegationSaving(t.cloudCostAvoided, t.costLocal);
  return t;
}
