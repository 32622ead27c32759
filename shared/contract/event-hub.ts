/** Fan-out of contract events from the core to every transport (IPC windows, WebSocket clients). */
import type { ContractEventSink, EventName, EventPayload } from './index';

export type AnyEventListener = (event: EventName, payload: unknown) => void;

/** An event sink that transports subscribe to. */
export interface ContractEventHub extends ContractEventSink {
  /** Receive every event; returns the unsubscribe function. */
  subscribe(listener: AnyEventListener): () => void;
}

/** Build an event hub. A listener that throws does not stop the others. */
export function createEventHub(onListenerError?: (error: unknown) => void): ContractEventHub {
  const listeners = new Set<AnyEventListener>();
  return {
    emit<N extends EventName>(event: N, payload: EventPayload<N>) {
      for (const listener of [...listeners]) {
        try {
          listener(event, payload);
        } catch (error) {
          onListenerError?.(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
