/**
 * The benchmarks service: what the CLI, the tray app and `loadout serve` call to run a benchmark (one
 * at a time, cancellable, with progress), store it, list, rate, delete and export results, and feed
 * the router. The store is opened on first use, so processes that never benchmark never touch it.
 */
import { benchEvidence } from '../../../shared/bench/bench-evidence';
import type { BenchResult } from '../../../shared/bench/bench-record';
import type { BenchExportLocale } from '../../../shared/bench/bench-export-strings';
import { renderBenchCsv } from '../../../shared/bench/render-bench-csv';
import { renderBenchMarkdownAll } from '../../../shared/bench/render-bench-markdown';
import type { BenchProgress, BenchRateRequest, BenchRunRequest } from '../../../shared/contract/bench';
import type { RoutingEvidence } from '../../../shared/routing/types';
import { createEmitter, type ListenerErrorReporter, type TypedEmitter } from '../../../shared/events/typed-emitter';
import { retryWhileLocked } from '../db/pending-writes';
import { BenchError } from './bench-errors';
import { runBenchmark, type BenchRunnerDeps } from './bench-runner';
import type { BenchStore } from './bench-store';

/** How long a finished benchmark's save waits for another program's lock on loadout.db before it says so. */
const SAVE_LOCK_WAIT_MS = 60_000;

export interface BenchServiceDeps {
  /** Opens (once) the results store; `close` releases the database. */
  openStore: () => { store: BenchStore; close: () => void };
  runner: BenchRunnerDeps;
  /** Where a progress or saved listener that threw is reported (default the console); the run goes on. */
  onListenerError?: ListenerErrorReporter;
}

type Listener<T> = (value: T) => void;

/** An export ready to save or print. */
export interface BenchExport {
  format: 'md' | 'csv';
  fileName: string;
  text: string;
}

/** The benchmarks service (see the module comment). */
export class BenchService {
  private opened: { store: BenchStore; close: () => void } | null = null;
  private running: { modelKey: string; controller: AbortController } | null = null;
  private readonly events: TypedEmitter<{ progress: BenchProgress; saved: BenchResult }>;

  constructor(private readonly deps: BenchServiceDeps) {
    this.events = createEmitter(deps.onListenerError);
  }

  private results(): BenchStore {
    this.opened ??= this.deps.openStore();
    return this.opened.store;
  }

  /** Cancel a running benchmark and close the database. */
  dispose(): void {
    this.cancel();
    this.opened?.close();
    this.opened = null;
  }

  /** Receive every progress event; returns the unsubscribe function. */
  onProgress(listener: Listener<BenchProgress>): () => void {
    return this.events.on('progress', listener);
  }

  /** Receive each result when stored or edited; returns the unsubscribe function. */
  onSaved(listener: Listener<BenchResult>): () => void {
    return this.events.on('saved', listener);
  }

  /** The model being benchmarked now, or null. */
  runningModel(): string | null {
    return this.running?.modelKey ?? null;
  }

  /** Run a benchmark and store its result. Rejects with BenchError (`busy` when one already runs). */
  async run(
    request: BenchRunRequest,
    options: { signal?: AbortSignal; onProgress?: Listener<BenchProgress> } = {},
  ): Promise<BenchResult> {
    if (this.running)
      throw new BenchError(
        'busy',
        `A benchmark of ${this.running.modelKey} is running; wait for it or cancel it first.`,
      );
    const controller = new AbortController();
    const relay = () => controller.abort();
    options.signal?.addEventListener('abort', relay, { once: true });
    if (options.signal?.aborted) controller.abort();
    this.running = { modelKey: request.modelKey, controller };
    const idle: BenchProgress = {
      modelKey: request.modelKey,
      phase: 'checking',
      step: 0,
      total: 0,
      promptId: null,
      repetition: null,
      lastTokensPerSecond: null,
      elapsedMs: 0,
      message: null,
    };
    const seen = { last: idle };
    const emit = (p: BenchProgress) => {
      seen.last = p;
      options.onProgress?.(p);
      this.events.emit('progress', p);
    };
    try {
      const measured = await runBenchmark(request, this.deps.runner, { signal: controller.signal, onProgress: emit });
      emit({
        ...seen.last,
        phase: 'saving',
        promptId: null,
        repetition: null,
        lastTokensPerSecond: null,
        message: 'Saving the result',
      });
      let stored: BenchResult;
      try {
        // A database browser or backup holding loadout.db gets up to a minute to let go; the wait is off the event loop.
        stored = await retryWhileLocked(() => this.results().add(measured), { timeoutMs: SAVE_LOCK_WAIT_MS });
      } catch (error) {
        // Say what was measured, so a full disk or a locked database does not lose the run's figures.
        const tps = measured.summary.tokensPerSecond.median;
        const ttft = measured.summary.ttftMs.median;
        throw new BenchError(
          'store-failed',
          `The benchmark of ${measured.model.key} ran (${tps === null ? '—' : tps.toFixed(1)} tok/s, first token ${ttft === null ? '—' : Math.round(ttft)} ms) but could not be saved: ${error instanceof Error ? error.message : String(error)}. Free disk space or close the program holding loadout.db, then run it again.`,
          { cause: error },
        );
      }
      emit({
        modelKey: request.modelKey,
        phase: 'done',
        step: stored.measurements.length,
        total: stored.measurements.length,
        promptId: null,
        repetition: null,
        lastTokensPerSecond: stored.summary.tokensPerSecond.median,
        elapsedMs: Date.parse(stored.endedAt) - Date.parse(stored.startedAt),
        message: `Stored as #${stored.id}`,
      });
      this.events.emit('saved', stored);
      return stored;
    } catch (error) {
      const e =
        error instanceof BenchError
          ? error
          : new BenchError('chat-failed', error instanceof Error ? error.message : String(error), { cause: error });
      emit({ ...seen.last, phase: e.code === 'cancelled' ? 'cancelled' : 'failed', message: e.message });
      throw e;
    } finally {
      options.signal?.removeEventListener('abort', relay);
      this.running = null;
    }
  }

  /** Cancel the running benchmark; false when none runs. */
  cancel(): boolean {
    if (!this.running) return false;
    this.running.controller.abort();
    return true;
  }

  /** Every stored result, newest first. */
  list(): BenchResult[] {
    return this.results().list();
  }

  /** One stored result (BenchError `not-found`). */
  get(id: number): BenchResult {
    return this.results().get(id);
  }

  /** Set or edit the user's verdict of a result. */
  rate(request: BenchRateRequest): BenchResult {
    const rated = this.results().rate(request);
    this.events.emit('saved', rated);
    return rated;
  }

  /** Delete a stored result; false when there was none. */
  delete(id: number): boolean {
    return this.results().delete(id);
  }

  /** Markdown in the document's template, or CSV, of the given results (default all). */
  export(options: { format: 'md' | 'csv'; ids?: readonly number[]; locale?: BenchExportLocale }): BenchExport {
    const results = options.ids?.length ? options.ids.map((id) => this.get(id)) : this.list();
    const stamp = results.length === 1 ? `-${results[0]!.id}` : '';
    if (options.format === 'csv')
      return {
        format: 'csv',
        fileName: `loadout-benchmarks${stamp}.csv`,
        text: renderBenchCsv(results, options.locale ?? 'pt-BR'),
      };
    return {
      format: 'md',
      fileName: `loadout-benchmarks${stamp}.md`,
      text: renderBenchMarkdownAll(results, options.locale ?? 'pt-BR'),
    };
  }

  /** The stored results as the router's evidence. */
  evidence(): RoutingEvidence {
    return benchEvidence(this.list());
  }
}
