/**
 * Per-frame batching for events that can arrive thousands of times a second (chat deltas): the store
 * changes at most once per painted frame. Updating it per event re-renders synchronously each time
 * (zustand uses useSyncExternalStore) and a burst trips React's "Maximum update depth exceeded" (#185).
 */

/** Runs `run` once, soon; returns a function that cancels it. */
export type FrameScheduler = (run: () => void) => () => void;

/** A hidden window gets no animation frames; this timer keeps a stream moving there all the same. */
const HIDDEN_WINDOW_FALLBACK_MS = 250;

/** The next animation frame, or the fallback timer when frames do not come (hidden window, no DOM). */
export const nextAnimationFrame: FrameScheduler = (run) => {
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      cancel();
      run();
    }
  };
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(once) : null;
  const timer = setTimeout(once, HIDDEN_WINDOW_FALLBACK_MS);
  const cancel = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
  return () => {
    done = true;
    cancel();
  };
};

/** A queue that hands everything pushed since the last delivery to `deliver`, once per frame. */
export interface FrameBatch<T> {
  push(item: T): void;
  /** Deliver what is queued now (e.g. before the event that ends a stream). */
  flush(): void;
  /** Drop what is queued and stop (unbind). */
  cancel(): void;
}

/** Batch items per frame; `deliver` gets them in arrival order, never an empty list. */
export function batchPerFrame<T>(
  deliver: (items: T[]) => void,
  schedule: FrameScheduler = nextAnimationFrame,
): FrameBatch<T> {
  let queued: T[] = [];
  let cancelScheduled: (() => void) | null = null;
  const flush = () => {
    cancelScheduled?.();
    cancelScheduled = null;
    if (queued.length === 0) return;
    const items = queued;
    queued = [];
    deliver(items);
  };
  return {
    push(item) {
      queued.push(item);
      cancelScheduled ??= schedule(flush);
    },
    flush,
    cancel() {
      cancelScheduled?.();
      cancelScheduled = null;
      queued = [];
    },
  };
}
