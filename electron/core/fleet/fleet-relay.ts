/**
 * `fleet.call`: one whitelisted contract method run on another machine's agent over the watch's open
 * socket. What the agent sends on that socket while the call runs (presets.progress, unload steps) is
 * handed to `onEvent`, which the handler addresses to the caller alone. Every fault names the machine;
 * no other machine is touched.
 */
import {
  AppApiError,
  eventNames,
  type ContractClient,
  type FleetRelayedMethodSchema,
  type MethodInput,
  type MethodName,
} from '../../../shared/contract';
import type { z } from 'zod';
import type { Machine } from '../../../shared/settings/schema';
import { AgentError, agentGoneMessage } from './agent-connection';

type RelayedMethod = z.infer<typeof FleetRelayedMethodSchema>;

/** Samples stream to every socket all the time; they are not part of a call. */
const NOT_OF_A_CALL = new Set(['hardware.sample']);

export interface RelayTarget {
  machines(): Machine[];
  client(name: string): Promise<ContractClient>;
}

/**
 * The contract error for an AgentError: a refused token is `unauthorized`, the rest `unavailable`; its kind
 * goes as the coded problem, for a window to word in its language.
 */
export function agentApiError(error: unknown, machine: string): AppApiError {
  if (error instanceof AppApiError) return error;
  if (error instanceof AgentError)
    return new AppApiError(
      error.kind === 'refused' || error.kind === 'no-token' ? 'forbidden' : 'unavailable',
      error.message,
      undefined,
      { kind: error.kind },
    );
  return new AppApiError('unavailable', `"${machine}": ${error instanceof Error ? error.message : String(error)}`);
}

/** Run `method` on `machine`; resolves with its result, or rejects with an AppApiError naming the machine. */
export async function relayCall(
  target: RelayTarget,
  machine: string,
  method: RelayedMethod,
  params: unknown,
  onEvent: (event: string, payload: unknown) => void,
): Promise<unknown> {
  const known = target.machines().find((m) => m.name === machine);
  if (!known) {
    const names = target.machines().map((m) => m.name);
    throw new AppApiError(
      'not-found',
      `No machine named "${machine}"${names.length ? ` (there are: ${names.join(', ')})` : ''}: add it first.`,
    );
  }
  if (known.kind === 'lmstudio-only')
    throw new AppApiError(
      'unavailable',
      `LM Studio only: ${method} needs Loadout on that machine ("${machine}"). Install Loadout there and add it again as a Loadout agent.`,
    );
  let client: ContractClient;
  try {
    client = await target.client(machine);
  } catch (error) {
    throw agentApiError(error, machine);
  }
  const offs = eventNames
    .filter((e) => !NOT_OF_A_CALL.has(e))
    .map((event) => client.on(event, (payload) => onEvent(event, payload)));
  try {
    const answer = await client.call(method as MethodName, params as MethodInput<MethodName>);
    if (answer.ok) return answer.result;
    if (answer.error.message === agentGoneMessage(machine))
      throw new AppApiError(
        'unavailable',
        `"${machine}" went away during ${method}; what it was doing may have stopped part way. It shows online again by itself when it is back: look at its models then, and try again.`,
      );
    throw new AppApiError(answer.error.code, `"${machine}" answered ${method}: ${answer.error.message}`);
  } finally {
    for (const off of offs) off();
  }
}
