/**
 * The one typed client of the contract, over any transport: `client.call('presets.apply', { id })`
 * resolves to the response envelope (errors stay values), `client.on('hardware.sample', cb)` hands
 * the listener that event's payload type. The renderer builds its API client on this over the
 * preload bridge or a WebSocket to `loadout serve`. Imports no schema at runtime (zod stays out of
 * the renderer's bundles), so the wire is trusted to carry what the core validated and sent.
 */
import { createEmitter, type ListenerErrorReporter, type TypedEmitter } from '../events/typed-emitter';
import type { ApiResponse } from './errors';
import type { EventName, EventPayload, MethodInput, MethodName, MethodResult } from './index';

/** A listener of one contract event. */
export type PayloadListener<E extends EventName> = (payload: EventPayload<E>) => void;

/** Each contract event's payload by name. */
export type EventPayloads = { [E in EventName]: EventPayload<E> };

/**
 * The listeners of a transport that receives events as frames (a WebSocket): `on` for
 * `ContractTransport.on`, `emit` per frame; a listener that throws does not stop the others.
 */
export function createContractEvents(onListenerError?: ListenerErrorReporter): TypedEmitter<EventPayloads> {
  return createEmitter<EventPayloads>(onListenerError);
}

/** What a transport provides: a raw call that resolves to a response envelope, and typed event subscription. */
export interface ContractTransport {
  call(method: MethodName, params: unknown): Promise<ApiResponse<unknown>>;
  on<E extends EventName>(event: E, listener: PayloadListener<E>): () => void;
}

/** The typed client: methods by name, and `on(event, listener) → unsubscribe`. */
export interface ContractClient {
  /** Call one method; never rejects: a transport that throws becomes an `internal` error value. */
  call<N extends MethodName>(method: N, input: MethodInput<N>): Promise<ApiResponse<MethodResult<N>>>;
  on<E extends EventName>(event: E, listener: PayloadListener<E>): () => void;
}

/** Build the typed client over a transport. */
export function createContractClient(transport: ContractTransport): ContractClient {
  return {
    async call<N extends MethodName>(method: N, input: MethodInput<N>) {
      try {
        // The core answered this method with its schema's output (the transport only carries it).
        return (await transport.call(method, input)) as ApiResponse<MethodResult<N>>;
      } catch (e) {
        return {
          ok: false,
          error: {
            code: 'internal',
            message: `${method} failed before it reached Loadout: ${e instanceof Error ? e.message : String(e)}. Reload the window and try again.`,
          },
        };
      }
    },
    on: (event, listener) => transport.on(event, listener),
  };
}

type Domain<N> = N extends `${infer D}.${string}` ? D : never;
type Action<N, D extends string> = N extends `${D}.${infer A}` ? A : never;

/**
 * What the preload exposes as `window.loadout`: one function per method, grouped by domain, each
 * resolving to the response envelope (errors stay values: Error objects lose their fields across
 * contextBridge), and `on(event, listener) → unsubscribe`.
 */
export type PreloadBridge = {
  [D in Domain<MethodName>]: {
    [A in Action<MethodName, D>]: (
      params?: MethodInput<`${D}.${A}` & MethodName>,
    ) => Promise<ApiResponse<MethodResult<`${D}.${A}` & MethodName>>>;
  };
} & {
  on<E extends EventName>(event: E, listener: PayloadListener<E>): () => void;
};

type BridgeFn = (params?: unknown) => Promise<ApiResponse<unknown>>;

/** A transport over the preload bridge, for `createContractClient`. */
export function bridgeTransport(bridge: PreloadBridge): ContractTransport {
  return {
    call(method, params) {
      const [domain, action] = method.split('.') as [string, string];
      // Looked up by the method's name: the bridge is built from the same names at runtime.
      const fn = (bridge as unknown as Record<string, Record<string, BridgeFn> | undefined>)[domain]?.[action];
      if (!fn)
        return Promise.resolve({
          ok: false,
          error: {
            code: 'unknown-method',
            message: `The preload does not expose ${method}; rebuild or update the app.`,
          },
        });
      return fn(params);
    },
    on: (event, listener) => bridge.on(event, listener),
  };
}
