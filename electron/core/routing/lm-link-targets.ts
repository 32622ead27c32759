/**
 * "A request is never routed twice" (issue 18): when LM Link serves `localhost:1234` from another
 * device, this machine's LM Studio already answers with that device's models. A machine in `machines`
 * that is that same device would be a second target for the same models (and the same GPU), so it is
 * left out of the remotes and routed to once, through localhost.
 */
import { machineIsLmLinkDevice, type LmLinkState } from '../fleet/lm-link';
import type { FleetView } from './fleet-endpoints';
import type { RemoteEndpointConfig } from './routing-endpoints';

type ServedBy = Pick<LmLinkState, 'available' | 'servedBy'> | null | undefined;

/** True when LM Link serves localhost:1234 from the device `machine` points at. */
export function servedThroughLmLink(machine: { name: string; url: string }, lmLink: ServedBy): boolean {
  const servedBy = lmLink?.available ? lmLink.servedBy : null;
  return servedBy ? machineIsLmLinkDevice(machine, servedBy) : false;
}

/** The fleet as routing sees it, without the agent LM Link already serves localhost:1234 from (read at each look). */
export function fleetWithoutLmLinkServed(fleet: FleetView, lmLink: () => ServedBy): FleetView {
  return {
    snapshot: () => {
      const link = lmLink();
      return fleet.snapshot().filter((m) => !servedThroughLmLink(m, link));
    },
    client: (name) => fleet.client(name),
  };
}

export interface DedupedTargets {
  remotes: RemoteEndpointConfig[];
  /** One line per remote left out, for the routing problems a person reads. */
  problems: string[];
}

/** The remotes without the one LM Link already serves `localhost:1234` from. */
export function dedupeLmLinkTargets(remotes: readonly RemoteEndpointConfig[], lmLink: ServedBy): DedupedTargets {
  const kept: RemoteEndpointConfig[] = [];
  const problems: string[] = [];
  for (const remote of remotes) {
    if (servedThroughLmLink({ name: remote.label, url: remote.baseUrl }, lmLink))
      problems.push(
        `"${remote.label}" is the device LM Link serves localhost:1234 from, so it is routed to once, through this machine's LM Studio.`,
      );
    else kept.push(remote);
  }
  return { remotes: kept, problems };
}
