/**
 * The Benchmarks view's data: stored results, the running benchmark's progress (from `bench.progress`
 * events), and the actions (run, cancel, rate, delete, export), all through the typed API client.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BenchResult } from '../../../../shared/bench/bench-record';
import type { BenchProgress, BenchRateRequest, BenchRunRequest } from '../../../../shared/contract/bench';
import type { ApiClient } from '../../api/api-client';

export interface BenchmarksView {
  results: BenchResult[];
  progress: BenchProgress | null;
  running: boolean;
  /** The last failure, in the core's words (null when none). */
  error: string | null;
  cancelled: boolean;
  reload(): Promise<void>;
  run(request: BenchRunRequest): Promise<void>;
  cancel(): Promise<void>;
  rate(request: BenchRateRequest): Promise<boolean>;
  remove(id: number): Promise<void>;
  exportText(format: 'md' | 'csv', locale: 'pt-BR' | 'en', ids?: number[]): Promise<{ fileName: string; text: string } | null>;
}

/** Results and actions for the Benchmarks view; `enabled` waits for the connection. */
export function useBenchmarks(api: ApiClient, enabled: boolean): BenchmarksView {
  const [results, setResults] = useState<BenchResult[]>([]);
  const [progress, setProgress] = useState<BenchProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);

  const reload = useCallback(async () => {
    const r = await api.call('bench.list', undefined);
    if (r.ok) setResults(r.result);
    else setError(r.error.message);
  }, [api]);

  useEffect(() => {
    if (!enabled) return;
    void reload();
    const offProgress = api.on('bench.progress', (p) => {
      setProgress(p);
      setRunning(!['done', 'failed', 'cancelled'].includes(p.phase));
    });
    const offSaved = api.on('bench.saved', (saved) => setResults((list) => [saved, ...list.filter((x) => x.id !== saved.id)]));
    return () => {
      offProgress();
      offSaved();
    };
  }, [api, enabled, reload]);

  return {
    results, progress, running, error, cancelled, reload,
    async run(request) {
      setError(null);
      setCancelled(false);
      setRunning(true);
      const r = await api.call('bench.run', request);
      setRunning(false);
      if (r.ok) setResults((list) => [r.result, ...list.filter((x) => x.id !== r.result.id)]);
      else if (r.error.code === 'cancelled') setCancelled(true);
      else setError(r.error.message);
    },
    async cancel() {
      await api.call('bench.cancel', undefined);
    },
    async rate(request) {
      const r = await api.call('bench.rate', request);
      if (!r.ok) {
        setError(r.error.message);
        return false;
      }
      setResults((list) => list.map((x) => (x.id === r.result.id ? r.result : x)));
      return true;
    },
    async remove(id) {
      const r = await api.call('bench.delete', { id });
      if (r.ok) setResults((list) => list.filter((x) => x.id !== id));
      else setError(r.error.message);
    },
    async exportText(format, locale, ids) {
      const r = await api.call('bench.export', { format, locale, ...(ids ? { ids } : {}) });
      if (r.ok) return { fileName: r.result.fileName, text: r.result.text };
      setError(r.error.message);
      return null;
    },
  };
}
