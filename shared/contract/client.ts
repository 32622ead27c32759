/**
 * A typed client over any transport: `client.presets.apply({ id })`, `client.on('hardware.sample', cb)`.
 * The renderer's IPC and WebSocket transports, and the tests, build their clients with this, so
 * components never see a transport.
 */
import type { ApiResponse } from './errors';
import { AppApiError } from './errors';
import type { ContractMethods, EventName, EventPayload, MethodInput, MethodName, MethodResult } from './index';

/** What a transport provides: a raw call that resolves to a response envelope, and event subscription. */
export interface ContractTransport {
  call(method: MethodName, params: unknown): Promise<ApiResponse<unknown>>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

type Domain<N> = N extends `${infer D}.${string}` ? D : never;
type Action<N, D extends string> = N extends `${D}.${infer A}` ? A : never;

/** A method as a function: no argument needed when its input is optional. */
export type MethodFunction<N extends MethodName> = undefined extends MethodInput<N>
  ? (params?: MethodInput<N>) => Promise<MethodResult<N>>
  : (params: MethodInput<N>) => Promise<MethodResult<N>>;

/** `{ presets: { apply, list, … }, hardware: { … }, … }` built from the contract's names. */
export type NestedMethods = {
  [D in Domain<MethodName>]: { [A in Action<MethodName, D>]: MethodFunction<`${D}.${A}` & MethodName> };
};

/** The typed client: nested methods plus `on(event, listener) → unsubscribe`. */
export type ContractClient = NestedMethods & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Build the typed client: each method resolves with its result or rejects with an `AppApiError`. */
export function createContractClient(methods: ContractMethods, transport: ContractTransport): ContractClient {
  const client: Record<string, unknown> = {};
  for (const name of Object.keys(methods) as MethodName[]) {
    const [domain, action] = name.split('.') as [string, string];
    const group = (client[domain] ??= {}) as Record<string, unknown>;
    group[action] = async (params?: unknown) => {
      const response = await transport.call(name, params);
      if (response.ok) return response.result;
      throw new AppApiError(response.error.code, response.error.message, response.error.issues);
    };
  }
  client.on = (event: EventName, listener: (payload: unknown) => void) => transport.on(event, listener);
  return client as ContractClient;
}

/**
 * What the preload exposes as `window.loadout`: one function per method, grouped by domain, each
 * resolving to the response envelope (errors stay values: Error objects lose their fields across
 * contextBridge), and `on(event, listener) → unsubscribe`.
 */
export type PreloadBridge = {
  [D in Domain<MethodName>]: {
    [A in Action<MethodName, D>]: (params?: MethodInput<`${D}.${A}` & MethodName>) => Promise<ApiResponse<MethodResult<`${D}.${A}` & MethodName>>>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** A transport over the preload bridge, for `createContractClient`. */
export function bridgeTransport(bridge: PreloadBridge): ContractTransport {
  return {
    call(method, params) {
      const [domain, action] = method.split('.') as [string, string];
      const group = (bridge as unknown as Record<string, Record<string, (p: unknown) => Promise<ApiResponse<unknown>>>>)[domain];
      const fn = group?.[action];
      if (!fn) return Promise.resolve({ ok: false, error: { code: 'unknown-method', message: `The preload does not expose ${method}; rebuild the app.` } });
      return fn(params);
    },
    on: (event, listener) => bridge.on(event, listener as never),
  };
}
