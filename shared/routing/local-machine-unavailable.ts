/**
 * Gaming mode's hook into routing (issue 19): while a game holds this machine's GPU, its LM Studio is
 * no candidate, so other machines of the fleet, or the cloud fallback when it is on, answer instead.
 */
import type { RoutingState } from './types';

/** The state with this machine's endpoint marked unreachable (its models stay listed, as not candidates). */
export function withLocalMachineUnavailable(state: RoutingState): RoutingState {
  return { ...state, endpoints: state.endpoints.map((e) => (e.kind === 'local' ? { ...e, reachable: false } : e)) };
}
