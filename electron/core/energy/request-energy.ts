/**
 * Energy per request (an answer, a benchmark run): the GPU energy over the request's time, from the
 * tracker's measured intervals. Between two readings closer than the gap limit the power curve is known
 * (the trapezoid's straight line), so a request bracketed by such readings is fully measured, however
 * short. A request that ends after the latest booked reading waits for the next one (the promise resolves
 * when it lands; with NVML's counter read every few seconds, when the read that books the readings around
 * it lands), with a timeout after which it is recorded with what there is, and says so.
 * Overlapping requests share each moment's energy equally (see shared/energy/request-shares.ts); a
 * request recorded before an overlapping one was known has its stored energy corrected then.
 * Settled requests are written a moment later, several in one transaction, so an answer's end does
 * not hold up the streams still running; what is stored is the same as writing each at once. While
 * another process holds the database's lock the rows wait (bounded) and are retried.
 */
import { isLocked } from '../db/database-errors';
import type { WriterLockReport } from '../db/db-lock-status';
import { PendingWrites } from '../db/pending-writes';
import type { EnergyMethod } from '../../../shared/energy/types';
import { sharedPieces } from '../../../shared/energy/request-shares';
import type { EnergyLedger, RequestRecord } from './energy-ledger';

/** What the chat or bench feature that ran the request knows of it. */
export interface RequestInput {
  model: string;
  tokens: number;
  durationMs: number;
  /** ISO string or Unix ms. */
  startedAt: string | number;
  endedAt: string | number;
}

/** How a request's energy was settled. */
export type RequestSettlement =
  /** The readings around the request are in (or can no longer come: a gap). */
  | 'readings'
  /** The reading after the request did not arrive in time; energy is from the part that was covered. */
  | 'timeout'
  /** The tracker stopped before the reading after the request arrived. */
  | 'stopped';

/** A stored request record, with how it was settled and, when it is not a full measurement, why. */
export interface RecordedRequest extends RequestRecord {
  settledBy: RequestSettlement;
  /** Null for a full measurement; otherwise what a person should know about the figure. */
  note: string | null;
}

export interface RequestEnergyDeps {
  /** Energy of [a, b] summed over GPUs, with the time the readings covered (the tracker's `energyBetween`). */
  energyBetween(startMs: number, endMs: number): { joules: number; coveredMs: number; method: EnergyMethod | null };
  /** Whether intervals that would bracket `endMs` may still come (a reading within the gap limit, or a counter read that books held ones). */
  awaitingReadings(endMs: number): boolean;
  ledger(): EnergyLedger | null;
  presetId(): string | null;
  /** Real-time wait for the bracketing reading before settling with what there is (ms). */
  timeoutMs(): number;
  onError?: (error: unknown) => void;
  /** What a person should see (the database is locked, rows were dropped). */
  onMessage?: (message: string) => void;
  /** Told whether another process's lock keeps these rows out (the windows' banner). */
  onLockState?: WriterLockReport;
  /** At most this many settled rows wait for a locked database (default 10 000). */
  maxUnwrittenRows?: number;
}

interface Tracked {
  startMs: number;
  endMs: number;
  input: RequestInput;
  presetId: string | null;
  /** Ledger id once stored (0 without a ledger); null while pending. */
  id: number | null;
  energyJ: number | null;
  coverage: number;
  finish?: (how: RequestSettlement) => void;
  /** Told the energy at settlement, before the row is written (an answer waiting for its Wh need not wait for the batched write). */
  onSettled?: (energyJ: number | null) => void;
}

/** A settled request waiting for its row: the figures it settled with, and who waits for its id. */
interface QueuedWrite {
  x: Tracked;
  settled: Omit<RecordedRequest, 'id'>;
  resolve: (r: RecordedRequest) => void;
}

/** Below this share of the request's time covered by readings, no figure is given. */
const MIN_COVERAGE = 0.5;
/** Requests are kept this long to split the energy of the ones that overlap them. */
const KEEP_MS = 2 * 3_600_000;
/** Settled requests are written together this long after the first of them (answers end in bursts). */
const WRITE_DELAY_MS = 25;

/** Per-request energy attribution with pending requests; owned by the EnergyTracker. */
export class RequestEnergy {
  private tracked: Tracked[] = [];
  /** The same requests by start time, to find the ones overlapping a window without a scan of two hours of them. */
  private byStart: Tracked[] = [];
  /** Upper bound of the tracked requests' durations, and lower bound of their ends (the pruning is skipped above it). */
  private longestMs = 0;
  private earliestEndMs = Infinity;
  /** The requests waiting for a reading, in the order they were recorded. */
  private readonly pending = new Set<Tracked>();
  private queued: QueuedWrite[] = [];
  private writeTimer: ReturnType<typeof setTimeout> | null = null;
  /** Settled rows a locked database kept out, retried until written. */
  private readonly unwritten: PendingWrites<QueuedWrite>;

  constructor(private readonly deps: RequestEnergyDeps) {
    this.unwritten = new PendingWrites<QueuedWrite>({
      write: (batch) => this.writeRows(batch),
      capacity: deps.maxUnwrittenRows ?? 10_000,
      what: 'energy records of answers',
      file: 'loadout.db',
      onMessage: deps.onMessage,
      onError: deps.onError,
      onState: deps.onLockState,
    });
  }

  /**
   * Record a request; resolves when its row is written (its id), and `onSettled` hears the energy as soon as
   * it is known (at once when the readings around it are in), up to WRITE_DELAY_MS earlier. Never rejects.
   */
  record(input: RequestInput, onSettled?: (energyJ: number | null) => void): Promise<RecordedRequest> {
    const startMs = typeof input.startedAt === 'number' ? input.startedAt : Date.parse(input.startedAt);
    const endMs = typeof input.endedAt === 'number' ? input.endedAt : Date.parse(input.endedAt);
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs < startMs) {
      throw new RangeError(
        `recordRequest needs startedAt <= endedAt as ISO strings or Unix ms (got ${String(input.startedAt)} → ${String(input.endedAt)}).`,
      );
    }
    const x: Tracked = {
      startMs,
      endMs,
      input,
      presetId: this.deps.presetId(),
      id: null,
      energyJ: null,
      coverage: 0,
      onSettled,
    };
    this.track(x, endMs - KEEP_MS);
    this.pending.add(x);
    return new Promise<RecordedRequest>((resolve) => {
      const timer = setTimeout(() => x.finish?.('timeout'), this.deps.timeoutMs());
      timer.unref?.();
      x.finish = (how) => {
        clearTimeout(timer);
        x.finish = undefined;
        this.pending.delete(x);
        this.settle(x, how, resolve);
      };
      if (!this.deps.awaitingReadings(endMs)) x.finish('readings');
    });
  }

  /** New readings arrived: settle the requests they now bracket. */
  onReadings(): void {
    for (const t of this.pending) if (t.finish && !this.deps.awaitingReadings(t.endMs)) t.finish('readings');
  }

  /** Settle every pending request with what there is and write them now (the tracker is stopping). */
  settleAll(): void {
    for (const t of this.pending) t.finish?.('stopped');
    this.writeQueued();
  }

  /**
   * Write the settled requests that wait for their rows, now (before the ledger changes or closes).
   * Rows that find the database locked by another process stay in a bounded buffer and are retried;
   * their requests resolve at once with id 0 and get their id when the row is written.
   */
  writeQueued(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = null;
    const batch = this.queued;
    this.queued = [];
    if (batch.length === 0) {
      this.unwritten.flush();
      return;
    }
    this.unwritten.push(...batch);
    // Already resolved with their id when written; the rest get their figures now, without waiting on the lock.
    for (const q of batch) q.resolve({ ...q.settled, id: q.x.id ?? 0 });
  }

  /** Retry the rows a locked database kept out until written or `timeoutMs` passed (a clean shutdown); true when none wait. */
  drainUnwritten(timeoutMs: number): Promise<boolean> {
    return this.unwritten.drain(timeoutMs);
  }

  /** Write rows to the ledger open now (it may have been reopened since they settled); returns how many are done. */
  private writeRows(batch: readonly QueuedWrite[]): number {
    const ledger = this.deps.ledger();
    if (!ledger) {
      for (const q of batch) q.resolve({ ...q.settled, id: 0 });
      return batch.length;
    }
    // The energy as it is now: an overlapping request settled since may have corrected it.
    const rows = batch.map(({ x, settled }) => ({
      ...recordOf(settled),
      energyJ: x.energyJ,
      whPer1kTokens: perThousand(x.energyJ, settled.tokens),
    }));
    let stored: Array<RequestRecord | Error>;
    try {
      stored = ledger.addRequests(rows);
    } catch (error) {
      if (isLocked(error)) throw error;
      stored = rows.map(() => (error instanceof Error ? error : new Error(String(error))));
    }
    batch.forEach((q, i) => {
      const row = stored[i];
      if (row instanceof Error || row === undefined)
        this.deps.onError?.(row ?? new Error('the ledger stored no row for a request'));
      q.x.id = row instanceof Error || row === undefined ? 0 : row.id;
      q.resolve({ ...q.settled, id: q.x.id });
    });
    return batch.length;
  }

  /** How many requests wait for a reading. */
  pendingCount(): number {
    return this.pending.size;
  }

  private settle(x: Tracked, how: RequestSettlement, resolve: (r: RecordedRequest) => void): void {
    this.measure(x);
    const tokens = Math.max(0, x.input.tokens);
    const record: Omit<RequestRecord, 'id'> = {
      model: x.input.model,
      presetId: x.presetId,
      tokens,
      durationMs: x.input.durationMs,
      startedAt: new Date(x.startMs).toISOString(),
      endedAt: new Date(x.endMs).toISOString(),
      energyJ: x.energyJ,
      whPer1kTokens: perThousand(x.energyJ, tokens),
      method: x.energyJ !== null ? this.deps.energyBetween(x.startMs, x.endMs).method : null,
      coverage: x.coverage,
    };
    const settled = { ...record, settledBy: how, note: noteFor(x, how) };
    const ledger = this.deps.ledger();
    // Settled: 0 until its row is written (overlapping requests then correct its energy in memory, and the row gets the result).
    x.id = 0;
    this.resplitOverlapping(x, ledger);
    x.onSettled?.(x.energyJ);
    x.onSettled = undefined;
    if (!ledger) return resolve({ ...settled, id: 0 });
    this.queued.push({ x, settled, resolve });
    this.writeTimer ??= setTimeout(() => this.writeQueued(), WRITE_DELAY_MS);
  }

  /** Requests settled before `x` was known share their overlap with it now: correct their stored energy. */
  private resplitOverlapping(x: Tracked, ledger: EnergyLedger | null): void {
    for (const t of this.overlapping(x.startMs, x.endMs)) {
      if (t === x || t.id === null || t.startMs >= x.endMs || t.endMs <= x.startMs) continue;
      const before = t.energyJ;
      this.measure(t);
      if (!ledger || t.id <= 0 || before === t.energyJ) continue;
      try {
        ledger.updateRequestEnergy(t.id, t.energyJ, perThousand(t.energyJ, Math.max(0, t.input.tokens)));
      } catch (error) {
        this.deps.onError?.(error);
      }
    }
  }

  /** Add `x`, first dropping the settled requests that ended before `keepFromMs` (when there can be any). */
  private track(x: Tracked, keepFromMs: number): void {
    if (this.earliestEndMs < keepFromMs) {
      const kept = (t: Tracked) => t.id === null || t.endMs >= keepFromMs;
      this.tracked = this.tracked.filter(kept);
      this.byStart = this.byStart.filter(kept);
      this.earliestEndMs = Infinity;
      this.longestMs = 0;
      for (const t of this.tracked) {
        this.earliestEndMs = Math.min(this.earliestEndMs, t.endMs);
        this.longestMs = Math.max(this.longestMs, t.endMs - t.startMs);
      }
    }
    this.tracked.push(x);
    this.byStart.splice(firstStartAfter(this.byStart, x.startMs, false), 0, x);
    this.earliestEndMs = Math.min(this.earliestEndMs, x.endMs);
    this.longestMs = Math.max(this.longestMs, x.endMs - x.startMs);
  }

  /**
   * The tracked requests that may overlap [startMs, endMs]: every one that does (started before its end,
   * and no earlier than the longest request before its start), plus a few that sharedPieces and the
   * resplit then leave out as before.
   */
  private overlapping(startMs: number, endMs: number): Tracked[] {
    return this.byStart.slice(
      firstStartAfter(this.byStart, startMs - this.longestMs, true),
      firstStartAfter(this.byStart, endMs, true),
    );
  }

  /** This request's share of the energy over its time, and the share of its time the readings covered. */
  private measure(x: Tracked): void {
    const duration = x.endMs - x.startMs;
    const coverage = duration > 0 ? Math.min(1, this.deps.energyBetween(x.startMs, x.endMs).coveredMs / duration) : 0;
    x.coverage = coverage;
    // Too little covered (no GPU readings at all, say): no figure, so no split among the overlapping requests,
    // which costs O(n²) per answer under n concurrent ones.
    if (coverage < MIN_COVERAGE) {
      x.energyJ = null;
      return;
    }
    let joules = 0;
    for (const piece of sharedPieces(x, this.overlapping(x.startMs, x.endMs)))
      joules += this.deps.energyBetween(piece.startMs, piece.endMs).joules / piece.sharers;
    // Fully bracketed: the measurement itself. Partly covered (a gap, a missing reading): the covered
    // part's average power over the whole request, given only when most of it was covered.
    x.energyJ = coverage >= 1 - 1e-9 ? joules : joules / coverage;
  }
}

/** Index of the first request in `byStart` starting after `ms` (at or after it when `inclusive`). */
function firstStartAfter(byStart: readonly Tracked[], ms: number, inclusive: boolean): number {
  let lo = 0;
  let hi = byStart.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = byStart[mid]!.startMs;
    if (s < ms || (!inclusive && s === ms)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function recordOf(r: Omit<RecordedRequest, 'id'>): Omit<RequestRecord, 'id'> {
  return {
    model: r.model,
    presetId: r.presetId,
    tokens: r.tokens,
    durationMs: r.durationMs,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    energyJ: r.energyJ,
    whPer1kTokens: r.whPer1kTokens,
    method: r.method,
    coverage: r.coverage,
  };
}

function perThousand(energyJ: number | null, tokens: number): number | null {
  return energyJ !== null && tokens > 0 ? energyJ / 3.6 / tokens : null;
}

function noteFor(x: Tracked, how: RequestSettlement): string | null {
  if (x.coverage >= 1 - 1e-9) return null;
  const covered = `${Math.round(x.coverage * 100)} % of the request's time had GPU readings`;
  const why =
    how === 'timeout'
      ? 'the reading after the request did not arrive in time'
      : how === 'stopped'
        ? 'energy tracking stopped before the reading after the request arrived'
        : 'the readings have a gap (no reading within the gap limit) or no GPU reports power';
  return x.energyJ === null
    ? `Energy not measured: ${covered} (${why}).`
    : `Energy estimated: ${covered} (${why}); the rest is assumed to draw the same average power.`;
}
