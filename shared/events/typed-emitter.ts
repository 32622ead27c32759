/**
 * The one listener set of the code base: typed events by name, and a listener that throws is
 * isolated (the others still run, the emitter's caller never sees the error) and reported.
 */

/** A map from event name to the payload its listeners receive, e.g. `{ progress: PresetProgress }`. */
export type EventMap = Record<string, unknown>;

export type Listener<P> = (payload: P) => void;

/** Where a throwing listener is reported; the default writes it to the console's error stream. */
export type ListenerErrorReporter = (error: unknown, event: string) => void;

export interface TypedEmitter<M extends EventMap> {
  /** Listen to one event; returns the unsubscribe function (safe to call twice). */
  on<K extends keyof M & string>(event: K, listener: Listener<M[K]>): () => void;
  /** Tell every listener of `event`, in subscription order; one that throws never stops the rest. */
  emit<K extends keyof M & string>(event: K, payload: M[K]): void;
  /** How many listeners `event` has (for owners that start work only while someone listens). */
  listenerCount(event: keyof M & string): number;
  /** Drop every listener (on dispose). */
  clear(): void;
}

const reportToConsole: ListenerErrorReporter = (error, event) => {
  // The only console use in shared/: an emitter built without a reporter still must not hide a bug.
  globalThis.console?.error(`A listener of "${event}" failed:`, error);
};

export function createEmitter<M extends EventMap>(
  onListenerError: ListenerErrorReporter = reportToConsole,
): TypedEmitter<M> {
  const sets = new Map<string, Set<Listener<never>>>();
  return {
    on(event, listener) {
      let set = sets.get(event);
      if (!set) sets.set(event, (set = new Set()));
      const entry = listener as Listener<never>;
      set.add(entry);
      return () => void set.delete(entry);
    },
    emit(event, payload) {
      const set = sets.get(event);
      if (!set) return;
      // A copy, so a listener that unsubscribes (or subscribes) while being called does not skip or repeat one.
      for (const listener of [...set]) {
        try {
          (listener as Listener<typeof payload>)(payload);
        } catch (error) {
          onListenerError(error, event);
        }
      }
    },
    listenerCount: (event) => sets.get(event)?.size ?? 0,
    clear: () => sets.clear(),
  };
}
