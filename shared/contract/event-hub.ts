/** Fan-out of contract events from the core to every transport (IPC windows, WebSocket clients). */
import { createEmitter } from '../events/typed-emitter';
import type { ContractEventSink, EventName, EventPayload } from './index';

/** One event as a discriminated union: `switch (e.event)` narrows `e.payload` with no cast. */
export type ContractEvent = { [N in EventName]: { event: N; payload: EventPayload<N> } }[EventName];

/**
 * Receives every event. `to` is the callerId (CallContext) of the one caller a per-request event is
 * for (a chat's deltas); undefined means every window and socket.
 */
export type ContractEventListener = (e: ContractEvent, to: string | undefined) => void;

/** An event sink that transports subscribe to. */
export interface ContractEventHub extends ContractEventSink {
  /** Receive every event; returns the unsubscribe function. */
  subscribe(listener: ContractEventListener): () => void;
}

/** Build an event hub. A listener that throws does not stop the others. */
export function createEventHub(onListenerError?: (error: unknown) => void): ContractEventHub {
  const emitter = createEmitter<{ event: { e: ContractEvent; to: string | undefined } }>(
    onListenerError ? (error) => onListenerError(error) : undefined,
  );
  return {
    emit<N extends EventName>(event: N, payload: EventPayload<N>, to?: string) {
      // Safe: `event` and `payload` are tied by N, which TS cannot carry into the union member.
      emitter.emit('event', { e: { event, payload } as ContractEvent, to });
    },
    subscribe: (listener) => emitter.on('event', ({ e, to }) => listener(e, to)),
  };
}
