/**
 * An ApiClient for another machine on the desk: each call this window makes becomes `fleet.call` on
 * this core, which relays it to that machine's agent (tokens and pinned certificates stay in the
 * core). So the monitor's own views show that machine unchanged. Methods the relay does not carry
 * answer `unavailable`, and the agent's answer is checked against the contract before a view sees it.
 */
import { contractMethods, type EventName, type MethodName } from '../../../shared/contract/index';
import { FLEET_RELAYED_METHODS } from '../../../shared/contract/fleet';
import type { ApiClient } from './api-client';

const RELAYED = new Set<string>(FLEET_RELAYED_METHODS);

/** True when `fleet.call` can run `method` on another machine. */
export function isRelayedMethod(method: string): method is (typeof FLEET_RELAYED_METHODS)[number] {
  return RELAYED.has(method);
}

/** The client for `machine`, over this window's own client. */
export function createMachineClient(local: ApiClient, machine: string): ApiClient {
  const client: ApiClient = {
    async call(method: MethodName, input: unknown) {
      if (!isRelayedMethod(method))
        return {
          ok: false,
          error: { code: 'unavailable', message: `${method} is not available for another machine ("${machine}").` },
        };
      const r = await local.call(
        'fleet.call',
        input === undefined ? { machine, method } : { machine, method, params: input },
      );
      if (!r.ok) return r;
      const parsed = contractMethods[method].output.safeParse(r.result);
      if (parsed.success) return { ok: true, result: parsed.data };
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `"${machine}" answered ${method} in a shape this Loadout does not know (an older or newer version?). Update Loadout on both machines.`,
        },
      };
    },
    // Events the agent sends during a relayed call arrive as fleet.event; only this machine's reach the views.
    on(event: EventName, listener: (payload: never) => void) {
      return local.on('fleet.event', (e) => {
        if (e.machine === machine && e.event === event) listener(e.payload as never);
      });
    },
    onStatus: (listener) => local.onStatus(listener),
    openExternal: (url) => local.openExternal(url),
    hideWindow: () => local.hideWindow(),
  } as ApiClient;
  return client;
}
