/**
 * Loadout's own count of requests in flight per model, so a preset switch never unloads a model that
 * is answering one of Loadout's requests, even where `lms ps` cannot tell (no lms, LM Studio 0.3.x).
 * The chat service calls `begin(model)` when a request starts and the returned function when it ends.
 *
 * With `shared` options the answers are also kept as rows with a heartbeat in loadout.db (in-flight-table.ts),
 * and "busy" means this process's answers plus the live rows of other processes: a `loadout apply` in one
 * terminal never evicts the model a `loadout chat` streams in another. Writing the rows never blocks or
 * fails an answer: while loadout.db is locked or broken the answer runs on, and the problem is said once.
 */
import { randomUUID } from 'node:crypto';
import type { LoadedInstance } from '../../../shared/lmstudio/types';
import { isLocked } from '../db/database-errors';
import type { WriterLockReport } from '../db/db-lock-status';
import type { InFlightRow, InFlightTable } from './in-flight-table';

/** How often a streaming answer's row is refreshed (ms). */
export const HEARTBEAT_MS = 2000;
/** A row not refreshed for this many heartbeats belongs to a process that stopped or hangs: ignored and cleaned. */
export const STALE_AFTER_HEARTBEATS = 3;

/** Another process's answer that keeps an instance busy. */
export interface AnswerElsewhere {
  pid: number;
  origin: string;
}

export interface SharedInFlightOptions {
  /** Open loadout.db's in_flight table; null when `create` is false and there is no database yet. May throw (locked, damaged). */
  openTable(create: boolean): InFlightTable | null;
  /** The LM Studio this process's answers stream from (its base URL). */
  lmstudio: () => string;
  /** What this process is, for the refusal another process prints ("loadout chat"). */
  origin: string;
  pid?: number;
  now?: () => number;
  /** Whether a process exists; default `process.kill(pid, 0)`. */
  isAlive?: (pid: number) => boolean;
  heartbeatMs?: number;
  /**
   * Runs the write of begun and ended answers; default: after the current turn of the event loop, so a begin's
   * write never holds its request back, and answers that begin or end in one turn share one write.
   */
  defer?: (write: () => void) => void;
  onMessage?: (message: string) => void;
  /** Told whether the last write found loadout.db locked (the windows' banner). */
  onState?: WriterLockReport;
}

/** Whether process `pid` exists (EPERM: it does, owned by someone else). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockedError(error: unknown): boolean {
  return isLocked(error) || (error instanceof Error && error.name === 'DatabaseLockedError');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class InFlightRegistry {
  private readonly counts = new Map<string, number>();
  /** This process's answers as rows (shared mode only), by row id. */
  private readonly answers = new Map<string, { model: string; startedAt: number }>();
  private readonly removals = new Set<string>();
  /** Answers begun since the last write, not yet in loadout.db. */
  private readonly unwritten = new Set<string>();
  private writeScheduled = false;
  private disposed = false;
  private table: InFlightTable | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** The last problem said ('locked' or the error's message), so one lock or one breakage is said once until it clears. */
  private problem: string | null = null;

  /** Told of each of this process's requests: called when one begins, what it returned when it ends. */
  private readonly observers = new Set<() => () => void>();

  constructor(private readonly shared?: SharedInFlightOptions) {}

  /**
   * Run `onBegin` when each request begins and the function it returns when that request ends (the hardware
   * monitor reads the energy counter every sample while answers run). Returns the function that stops it.
   */
  observe(onBegin: () => () => void): () => void {
    this.observers.add(onBegin);
    return () => void this.observers.delete(onBegin);
  }

  /** Count one request to `model` (a model key or an instance id); call the returned function once when it ends. */
  begin(model: string): () => void {
    this.counts.set(model, (this.counts.get(model) ?? 0) + 1);
    const observed = [...this.observers].map((onBegin) => onBegin());
    const id = this.shared ? randomUUID() : null;
    if (id) {
      this.answers.set(id, { model, startedAt: this.now() });
      this.unwritten.add(id);
      this.scheduleWrite();
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      for (const end of observed) end();
      const left = (this.counts.get(model) ?? 1) - 1;
      if (left > 0) this.counts.set(model, left);
      else this.counts.delete(model);
      if (id) {
        this.answers.delete(id);
        // Never written (it began and ended in one turn): nothing to delete.
        if (!this.unwritten.delete(id)) this.removals.add(id);
        this.scheduleWrite();
      }
    };
  }

  /** Requests in flight to `model` (exact key or instance id), in this process and, when shared, in the others. */
  count(model: string): number {
    return (this.counts.get(model) ?? 0) + this.others().filter((r) => r.model === model).length;
  }

  /**
   * Loadout's requests waiting behind another on the same model (each model answers the first, the rest
   * wait in LM Studio's line), in this process and, when shared, in the others: the fleet's `queue`.
   */
  waiting(): number {
    const perModel = new Map(this.counts);
    for (const r of this.others()) perModel.set(r.model, (perModel.get(r.model) ?? 0) + 1);
    let waiting = 0;
    for (const n of perModel.values()) waiting += Math.max(0, n - 1);
    return waiting;
  }

  /**
   * Whether `instance` is serving one of Loadout's requests: by its instance id, or by its model key
   * when it is the instance LM Studio routes a bare key to (the first one, whose id is the key).
   */
  isBusy(instance: Pick<LoadedInstance, 'instanceId' | 'modelKey'>): boolean {
    // One read of the other processes' rows for both names (the router asks this at every question).
    const others = this.others();
    const count = (model: string) => (this.counts.get(model) ?? 0) + others.filter((r) => r.model === model).length;
    return (
      count(instance.instanceId) > 0 || (instance.instanceId === instance.modelKey && count(instance.modelKey) > 0)
    );
  }

  /** The other processes whose answers keep `instance` busy (empty without shared options). */
  busyElsewhere(instance: Pick<LoadedInstance, 'instanceId' | 'modelKey'>): AnswerElsewhere[] {
    const serves = (model: string) =>
      model === instance.instanceId || (instance.instanceId === instance.modelKey && model === instance.modelKey);
    return this.others()
      .filter((r) => serves(r.model))
      .map(({ pid, origin }) => ({ pid, origin }));
  }

  /** Stop the heartbeat, delete this process's rows (best effort) and close loadout.db. */
  dispose(): void {
    this.disposed = true;
    this.unwritten.clear();
    for (const id of this.answers.keys()) this.removals.add(id);
    this.answers.clear();
    this.sync();
    this.stopTimer();
    this.table?.close();
    this.table = null;
  }

  private now(): number {
    return (this.shared?.now ?? Date.now)();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private open(create: boolean): InFlightTable | null {
    if (!this.table) this.table = this.shared!.openTable(create);
    return this.table;
  }

  private scheduleWrite(): void {
    if (this.writeScheduled) return;
    this.writeScheduled = true;
    (this.shared?.defer ?? setImmediate)(() => {
      this.writeScheduled = false;
      if (!this.disposed) this.sync(true);
    });
  }

  /**
   * Write every live answer with a fresh heartbeat and delete the ended ones; a failure keeps them for the next
   * write. `begunOnly`: the answers begun since the last write, not all of them (the others' heartbeats are the
   * timer's work), unless the last write failed.
   */
  private sync(begunOnly = false): void {
    const shared = this.shared;
    // Nothing to write: never open (or create) loadout.db for a process that answered nothing.
    if (!shared || (!this.answers.size && !this.removals.size)) return this.stopTimer();
    const pid = shared.pid ?? process.pid;
    const heartbeatAt = this.now();
    const answers =
      begunOnly && this.problem === null
        ? [...this.unwritten].map((id) => [id, this.answers.get(id)!] as const)
        : [...this.answers];
    const rows: InFlightRow[] = answers.map(([id, a]) => ({
      id,
      pid,
      lmstudio: shared.lmstudio(),
      model: a.model,
      startedAt: a.startedAt,
      heartbeatAt,
      origin: shared.origin,
    }));
    const removeIds = [...this.removals];
    try {
      this.open(true)!.sync(
        rows,
        removeIds,
        heartbeatAt - STALE_AFTER_HEARTBEATS * (shared.heartbeatMs ?? HEARTBEAT_MS),
      );
      for (const id of removeIds) this.removals.delete(id);
      for (const [id] of answers) this.unwritten.delete(id);
      if (this.problem) shared.onState?.({ locked: false, waiting: 0, dropped: 0 });
      this.problem = null;
    } catch (error) {
      const locked = lockedError(error);
      shared.onState?.({ locked, waiting: rows.length, dropped: 0 });
      this.say(locked, error, () =>
        locked
          ? 'loadout.db is locked by another program, so other Loadout processes cannot see which models this one is answering with; the answer goes on, but a `loadout apply` or `loadout unload` in another terminal could unload its model. Close that program (a database browser or a backup tool?) if this lasts.'
          : `Could not record the answer in flight in loadout.db (${errorText(error)}); the answer goes on, but other Loadout processes cannot see it, so avoid switching presets in another terminal until it ends.`,
      );
      if (!locked) {
        // A broken connection is opened again at the next beat.
        this.table?.close();
        this.table = null;
      }
    }
    // Beat while answers stream, or while ended ones could not be deleted yet (locked); never keeps the process alive.
    if (!this.answers.size && !this.removals.size) this.stopTimer();
    else if (!this.timer) {
      this.timer = setInterval(() => this.sync(), shared.heartbeatMs ?? HEARTBEAT_MS);
      this.timer.unref?.();
    }
  }

  /** Say a problem once: again only after writes went through, or when it is a different one. */
  private say(locked: boolean, error: unknown, message: () => string): void {
    const problem = locked ? 'locked' : errorText(error);
    if (problem !== this.problem) this.shared?.onMessage?.(message());
    this.problem = problem;
  }

  /** Other processes' live rows; rows of processes that are gone are deleted (best effort; old heartbeats go at the next write). */
  private others(): InFlightRow[] {
    const shared = this.shared;
    if (!shared) return [];
    const pid = shared.pid ?? process.pid;
    const now = this.now();
    const since = now - STALE_AFTER_HEARTBEATS * (shared.heartbeatMs ?? HEARTBEAT_MS);
    let rows: InFlightRow[];
    let table: InFlightTable | null;
    try {
      table = this.open(false);
      rows = table?.others(pid, shared.lmstudio(), since) ?? [];
    } catch (error) {
      this.say(
        lockedError(error),
        error,
        () =>
          `Could not read the answers other Loadout processes have in flight from loadout.db (${errorText(error)}); only this process's answers count as busy for now.`,
      );
      return [];
    }
    const isAlive = shared.isAlive ?? processIsAlive;
    const live = rows.filter((r) => isAlive(r.pid));
    if (live.length < rows.length) {
      try {
        table?.remove(rows.filter((r) => !live.includes(r)).map((r) => r.id));
      } catch {
        // Cleaning is a courtesy: a locked file is cleaned by the next reader.
      }
    }
    return live;
  }
}
