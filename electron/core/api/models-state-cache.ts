/**
 * `models.list` from memory for a moment: reading it asks LM Studio's REST API and spawns `lms ps` and
 * `lms ls`, hundreds of ms per call, while an MCP `status` should answer in a few. Fresh for `freshMs`
 * (default 1 s: the bound on changes made outside Loadout, in LM Studio's window or another `lms`);
 * every load and unload Loadout runs through its client drops it at once, so Loadout's own changes are
 * never served stale. A state where LM Studio did not answer is not kept: the next call looks again.
 */
import type { ModelsState } from '../../../shared/contract/models';

export interface ModelsStateCache {
  get(): Promise<ModelsState>;
  invalidate(): void;
}

export function createModelsStateCache(
  read: () => Promise<ModelsState>,
  onLoadedChanged: ((listener: () => void) => () => void) | undefined,
  options: { freshMs?: number; now?: () => number } = {},
): ModelsStateCache {
  const freshMs = options.freshMs ?? 1000;
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
      if (value && now() - value.at < freshMs) return Promise.resolve(value.state);
      if (!pending) {
        const gen = generation;
        const started = now();
        const read$ = read().then((state) => {
          if (gen === generation) value = state.reachable ? { state, at: started } : null;
          return state;
        }).finally(() => {
          if (pending === read$) pending = null;
        });
        pending = read$;
      }
      return pending;
    },
    invalidate,
  };
}
