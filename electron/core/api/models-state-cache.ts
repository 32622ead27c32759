/**
 * `models.list` from memory for a moment: reading it asks LM Studio's REST API and spawns `lms ps` and
 * `lms ls`, hundreds of ms per call, while an MCP `status` should answer in a few. Fresh for `freshMs`
 * (1 s); after that it is still served, up to `staleMs` (5 s), while one read refreshes it: so a change
 * made outside Loadout (LM Studio's window, another `lms`) shows within 5 s at worst, about 1 s for a
 * client that polls. Every load and unload Loadout runs through its client drops it at once, so
 * Loadout's own changes are never served stale. A state where LM Studio did not answer is not kept.
 */
import type { ModelsState } from '../../../shared/contract/models';

export interface ModelsStateCache {
  get(): Promise<ModelsState>;
  invalidate(): void;
}

export function createModelsStateCache(
  read: () => Promise<ModelsState>,
  onLoadedChanged: ((listener: () => void) => () => void) | undefined,
  options: { freshMs?: number; staleMs?: number; now?: () => number } = {},
): ModelsStateCache {
  const freshMs = options.freshMs ?? 1000;
  const staleMs = options.staleMs ?? 5000;
  const now = options.now ?? (() => performance.now());
  let value: { state: ModelsState; at: number } | null = null;
  let pending: Promise<ModelsState> | null = null;
  // Bumped by invalidate(): a read that started before a load or unload settled is neither kept nor shared after it.
  let generation = 0;
  let subscribed = false;
  const invalidate = () => {
    generation++;
    value = null;
    pending = null;
  };
  return {
    get() {
      if (!subscribed) {
        subscribed = true;
        onLoadedChanged?.(invalidate);
      }
      const age = value ? now() - value.at : Infinity;
      if (value && age < freshMs) return Promise.resolve(value.state);
      if (!pending) {
        const gen = generation;
        const started = now();
        const read$ = read()
          .then((state) => {
            if (gen === generation) value = state.reachable ? { state, at: started } : null;
            return state;
          })
          .finally(() => {
            if (pending === read$) pending = null;
          });
        pending = read$;
      }
      if (value && age < staleMs) {
        pending.catch(() => {});
        return Promise.resolve(value.state);
      }
      return pending;
    },
    invalidate,
  };
}
