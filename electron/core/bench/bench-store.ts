/**
 * Benchmark results in loadout.db: one row per run, the measured record as JSON beside indexed columns
 * (model, quantization, device, versions, headline medians) and the user's editable verdict. A row
 * whose JSON no longer reads is skipped with the reason, never thrown at the caller.
 */
import { BenchResultSchema, type BenchHuman, type BenchResult } from '../../../shared/bench/bench-record';
import type { BenchRateRequest } from '../../../shared/contract/bench';
import type { Database } from '../db/load-sqlite';
import { openDatabase, type OpenedDatabase } from '../db/open-database';
import { BACKGROUND_BUSY_TIMEOUT_MS } from '../db/pending-writes';
import { BenchError } from './bench-errors';
import { BENCH_COMPONENT, BENCH_MIGRATIONS } from './bench-schema';

interface Row {
  id: number;
  rating: number | null;
  best_for: string | null;
  issues: string | null;
  notes: string | null;
  rated_at: string | null;
  record: string;
}

/** Open the benchmark table in the data folder's loadout.db (creating or migrating it). */
export function openBenchStore(
  dataDir: string,
  onMessage?: (message: string) => void,
): { opened: OpenedDatabase; store: BenchStore } {
  // Never 5 s of a stalled event loop on another program's lock: the service retries a save off the loop.
  const opened = openDatabase(dataDir, {
    component: BENCH_COMPONENT,
    migrations: BENCH_MIGRATIONS,
    onRecovered: onMessage,
    busyTimeoutMs: BACKGROUND_BUSY_TIMEOUT_MS,
  });
  return { opened, store: new BenchStore(opened.db, onMessage) };
}

const trimmed = (text: string | null | undefined) => {
  if (text === undefined) return undefined;
  const t = text?.trim();
  return t ? t : null;
};

/** The benchmark results store. */
export class BenchStore {
  constructor(
    private readonly db: Database,
    private readonly onMessage?: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Store a result; returns it with its new id. */
  add(result: BenchResult): BenchResult {
    const { id: _id, human, ...record } = result;
    const s = result.summary;
    const info = this.db
      .prepare(
        `INSERT INTO bench_run (started_at, model_key, quantization, device, context_length, gpu_offload, runs, tok_s, ttft_ms, wh_per_1k,
        lmstudio_version, driver_version, loadout_version, rating, best_for, issues, notes, rated_at, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        result.startedAt,
        result.model.key,
        result.model.quantization,
        result.device,
        result.load.contextLength,
        result.load.gpuOffload === null ? null : String(result.load.gpuOffload),
        result.runs,
        s.tokensPerSecond.median,
        s.ttftMs.median,
        result.energy.whPer1kTokens,
        result.versions.lmStudio,
        result.versions.driver,
        result.versions.loadout,
        human.rating,
        human.bestFor,
        human.issues,
        human.notes,
        human.ratedAt,
        JSON.stringify(record),
      );
    return { ...result, id: Number(info.lastInsertRowid) };
  }

  /** Every readable result, newest first. */
  list(): BenchResult[] {
    const rows = this.db
      .prepare(
        'SELECT id, rating, best_for, issues, notes, rated_at, record FROM bench_run ORDER BY started_at DESC, id DESC',
      )
      .all() as unknown as Row[];
    return rows.map((r) => this.fromRow(r)).filter((r): r is BenchResult => r !== null);
  }

  /** One result; BenchError `not-found` when there is no such id. */
  get(id: number): BenchResult {
    const row = this.db
      .prepare('SELECT id, rating, best_for, issues, notes, rated_at, record FROM bench_run WHERE id = ?')
      .get(id) as unknown as Row | undefined;
    const result = row ? this.fromRow(row) : null;
    if (!result)
      throw new BenchError(
        'not-found',
        `No benchmark result #${id}${row ? ' that can still be read' : ''}. \`loadout bench list\` shows the stored ones.`,
      );
    return result;
  }

  /** Set the user's verdict; fields left undefined keep their value, null clears them. */
  rate(request: BenchRateRequest): BenchResult {
    const current = this.get(request.id).human;
    const next: BenchHuman = {
      rating: request.rating === undefined ? current.rating : request.rating,
      bestFor: trimmed(request.bestFor) === undefined ? current.bestFor : (trimmed(request.bestFor) ?? null),
      issues: trimmed(request.issues) === undefined ? current.issues : (trimmed(request.issues) ?? null),
      notes: trimmed(request.notes) === undefined ? current.notes : (trimmed(request.notes) ?? null),
      ratedAt: new Date(this.now()).toISOString(),
    };
    this.db
      .prepare('UPDATE bench_run SET rating = ?, best_for = ?, issues = ?, notes = ?, rated_at = ? WHERE id = ?')
      .run(next.rating, next.bestFor, next.issues, next.notes, next.ratedAt, request.id);
    return this.get(request.id);
  }

  /** Delete a result; false when there was none. */
  delete(id: number): boolean {
    return Number(this.db.prepare('DELETE FROM bench_run WHERE id = ?').run(id).changes) > 0;
  }

  private fromRow(row: Row): BenchResult | null {
    let raw: unknown;
    try {
      raw = JSON.parse(row.record);
    } catch {
      this.onMessage?.(`Benchmark result #${row.id} is damaged (its record is not JSON) and is skipped.`);
      return null;
    }
    const parsed = BenchResultSchema.safeParse({
      ...(raw as object),
      id: row.id,
      human: { rating: row.rating, bestFor: row.best_for, issues: row.issues, notes: row.notes, ratedAt: row.rated_at },
    });
    if (!parsed.success) {
      this.onMessage?.(
        `Benchmark result #${row.id} cannot be read by this Loadout version (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}) and is skipped.`,
      );
      return null;
    }
    return parsed.data;
  }
}
