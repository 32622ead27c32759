/**
 * The stored benchmark results as the router's samples, for processes that run no benchmarks service
 * (`loadout chat`, `loadout route`, the OpenAI-compatible endpoint). Reading never creates loadout.db:
 * with no database there are no results, and a question must not leave a file behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { benchSamples } from '../../../shared/bench/bench-evidence';
import type { BenchmarkSample } from '../../../shared/routing/build-evidence';
import { DATABASE_FILE } from '../db/open-database';
import { openBenchStore } from './bench-store';

/** The results in `dataDir`'s loadout.db, newest first; [] when it does not exist or cannot be read (routing goes on without them). */
export function readStoredBenchSamples(dataDir: string, onMessage?: (message: string) => void): BenchmarkSample[] {
  if (!fs.existsSync(path.join(dataDir, DATABASE_FILE))) return [];
  try {
    const { opened, store } = openBenchStore(dataDir, onMessage);
    try {
      return benchSamples(store.list());
    } finally {
      opened.close();
    }
  } catch (error) {
    onMessage?.(`benchmark results unavailable (${error instanceof Error ? error.message : String(error)}); routing without them.`);
    return [];
  }
}

/** readStoredBenchSamples, re-read at most every `ttlMs` (long-running processes: a benchmark run elsewhere counts within a minute). */
export function cachedStoredBenchSamples(dataDir: string, options: { ttlMs?: number; now?: () => number; onMessage?: (message: string) => void } = {}): () => BenchmarkSample[] {
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  let cached: { at: number; samples: BenchmarkSample[] } | null = null;
  return () => {
    const t = now();
    if (!cached || t - cached.at >= ttlMs) cached = { at: t, samples: readStoredBenchSamples(dataDir, options.onMessage) };
    return cached.samples;
  };
}
