/**
 * Keeps the router's view of LM Studio for a moment: reading the catalog costs an HTTP round trip (and
 * `lms ps` when available) per question, which would add milliseconds to every answer and hundreds of
 * them under 16 concurrent requests. Fresh for `freshMs`; after that, served while one refresh runs,
 * up to `staleMs`. `invalidate()` after a preset switch or a failed answer.
 */
import type { RoutingSnapshot } from './routing-state-source';

export interface SnapshotCache {
  get(signal?: AbortSignal): Promise<RoutingSnapshot>;
  invalidate(): void;
}

/** Wrap `read` with the cache. */
export function createSnapshotCache(
  read: () => Promise<RoutingSnapshot>,
  options: { freshMs?: number; staleMs?: number; now?: () => number } = {},
): SnapshotCache {
  const freshMs = options.freshMs ?? 2000;
  const staleMs = options.staleMs ?? 30_000;
  const now = options.now ?? (() => performance.now());
  let value: { snapshot: RoutingSnapshot; at: number } | null = null;
  let pending: Promise<RoutingSnapshot> | null = null;
  // Bumped by invalidate(): a read that started before it (say, mid-unload) is neither kept nor shared after it.
  let generation = 0;

  const refresh = (): Promise<RoutingSnapshot> => {
    if (!pending) {
      const started = now();
      const gen = generation;
      const read$ = read()
        .then((snapshot) => {
          // A snapshot where this machine's LM Studio did not answer is not kept: the next question looks again.
          const localUp = snapshot.state.endpoints.some((e) => e.kind === 'local' && e.reachable);
          if (gen === generation) value = localUp ? { snapshot, at: started } : null;
          return snapshot;
        })
        .finally(() => {
          if (pending === read$) pending = null;
        });
      pending = read$;
    }
    return pending;
  };

  return {
    async get() {
      const age = value ? now() - value.at : Infinity;
      if (value && age < freshMs) return value.snapshot;
      if (value && age < staleMs) {
        refresh().catch(() => {});
        return value.snapshot;
      }
      return refresh();
    },
    invalidate() {
      generation++;
      value = null;
      pending = null;
    },
  };
}
