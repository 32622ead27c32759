/**
 * A contract client over an app API in this process: `loadout serve --mcp`, the tray app's /mcp and
 * `loadout mcp --standalone` call the same dispatch and event hub the WebSocket serves, under their
 * own caller id, so events addressed to one caller (an ask's progress) reach only that caller.
 */
import { createContractClient, type ContractClient } from '../../shared/contract/client';
import type { ContractDispatch } from '../../shared/contract/dispatch';
import type { ContractEventHub } from '../../shared/contract/event-hub';

let nextCaller = 1;

/** A client of `dispatch` and `hub` as one caller (`mcp-1`, `mcp-2`, …). */
export function inProcessContractClient(
  dispatch: ContractDispatch,
  hub: ContractEventHub,
  callerId = `mcp-${nextCaller++}`,
): ContractClient {
  return createContractClient({
    // In-process, like the shell's own calls: the contract knows two transports, and this is not a socket.
    call: (method, params) => dispatch(method, params, { transport: 'ipc', callerId }),
    on: (event, listener) =>
      hub.subscribe((e, to) => {
        if (e.event !== event || (to !== undefined && to !== callerId)) return;
        (listener as (payload: unknown) => void)(e.payload);
      }),
  });
}
