/**
 * Benchmarks slice: the stored results (newest first), the running benchmark's progress (from
 * `bench.progress`, also for a run another window or the CLI started), and the Benchmarks view's
 * actions (run, cancel, rate, delete, export).
 */
import type { StateCreator } from 'zustand';
import type { BenchCallFailure } from '../../../shared/bench/bench-call-failure';
import type { BenchResult } from '../../../shared/bench/bench-record';
import type { BenchProgress, BenchRateRequest, BenchRunRequest } from '../../../shared/contract/bench';
import type { AppState, StoreDeps } from './app-state';

export interface BenchmarksSlice {
  benchResults: BenchResult[];
  benchProgress: BenchProgress | null;
  benchRunning: boolean;
  /** The last failure, in the core's words (null when none). */
  /** The last `bench.*` call that failed outright, worded by the window. */
  benchError: BenchCallFailure | null;
  benchCancelled: boolean;
  loadBenchResults(): Promise<void>;
  runBench(request: BenchRunRequest): Promise<void>;
  cancelBench(): Promise<void>;
  /** Save a rating; false (with `benchError` set) when the core refused it, so the form stays open. */
  rateBench(request: BenchRateRequest): Promise<boolean>;
  deleteBench(id: number): Promise<void>;
  /** The results as a Markdown or CSV file; null (with `benchError` set) on failure. */
  exportBench(
    format: 'md' | 'csv',
    locale: 'pt-BR' | 'en',
    ids?: number[],
  ): Promise<{ fileName: string; text: string } | null>;
  receiveBenchProgress(progress: BenchProgress): void;
  receiveBenchSaved(result: BenchResult): void;
}

const ENDED: ReadonlyArray<BenchProgress['phase']> = ['done', 'failed', 'cancelled'];

/** The list with `result` first, replacing an older copy of it. */
const withResult = (list: BenchResult[], result: BenchResult) => [result, ...list.filter((x) => x.id !== result.id)];

/** Build the benchmarks slice. */
export function createBenchmarksSlice(deps: StoreDeps): StateCreator<AppState, [], [], BenchmarksSlice> {
  return (set) => ({
    benchResults: [],
    benchProgress: null,
    benchRunning: false,
    benchError: null,
    benchCancelled: false,
    async loadBenchResults() {
      const r = await deps.api.call('bench.list', undefined);
      if (r.ok) set({ benchResults: r.result });
      else set({ benchError: { call: 'list', detail: r.error.message } });
    },
    async runBench(request) {
      set({ benchError: null, benchCancelled: false, benchRunning: true });
      const r = await deps.api.call('bench.run', request);
      if (r.ok) set((s) => ({ benchRunning: false, benchResults: withResult(s.benchResults, r.result) }));
      else if (r.error.code === 'cancelled') set({ benchRunning: false, benchCancelled: true });
      else set({ benchRunning: false, benchError: { call: 'run', detail: r.error.message } });
    },
    async cancelBench() {
      await deps.api.call('bench.cancel', undefined);
    },
    async rateBench(request) {
      const r = await deps.api.call('bench.rate', request);
      if (!r.ok) {
        set({ benchError: { call: 'rate', detail: r.error.message } });
        return false;
      }
      set((s) => ({ benchResults: s.benchResults.map((x) => (x.id === r.result.id ? r.result : x)) }));
      return true;
    },
    async deleteBench(id) {
      const r = await deps.api.call('bench.delete', { id });
      if (r.ok) set((s) => ({ benchResults: s.benchResults.filter((x) => x.id !== id) }));
      else set({ benchError: { call: 'delete', detail: r.error.message } });
    },
    async exportBench(format, locale, ids) {
      const r = await deps.api.call('bench.export', { format, locale, ...(ids ? { ids } : {}) });
      if (r.ok) return { fileName: r.result.fileName, text: r.result.text };
      set({ benchError: { call: 'export', detail: r.error.message } });
      return null;
    },
    receiveBenchProgress(progress) {
      set({ benchProgress: progress, benchRunning: !ENDED.includes(progress.phase) });
    },
    receiveBenchSaved(result) {
      set((s) => ({ benchResults: withResult(s.benchResults, result) }));
    },
  });
}
