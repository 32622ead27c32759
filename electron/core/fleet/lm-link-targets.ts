/**
 * "A request is never routed twice" (issue 18): when LM Link serves `localhost:1234` from another
 * device, this machine's LM Studio already answers with that device's models. A machine in `machines`
 * that is that same device would be a second target for the same models (and the same GPU), so it is
 * left out of the remotes and routed to once, through localhost.
 */
import type { RemoteEndpointConfig } from '../routing/routing-endpoints';
import { machineIsLmLinkDevice, type LmLinkState } from './lm-link';

export interface DedupedTargets {
  remotes: RemoteEndpointConfig[];
  /** One line per remote left out, for the routing problems a person reads. */
  problems: string[];
}

/** The remotes without the one LM Link already serves `localhost:1234` from. */
export function dedupeLmLinkTargets(
  remotes: readonly RemoteEndpointConfig[],
  lmLink: Pick<LmLinkState, 'available' | 'servedBy'> | null | undefined,
): DedupedTargets {
  const servedBy = lmLink?.available ? lmLink.servedBy : null;
  if (!servedBy) return { remotes: [...remotes], problems: [] };
  const kept: RemoteEndpointConfig[] = [];
  const problems: string[] = [];
  for (const remote of remotes) {
    if (machineIsLmLinkDevice({ name: remote.label, url: remote.baseUrl }, servedBy))
      problems.push(
        `"${remote.label}" is the device LM Link serves localhost:1234 from, so it is routed to once, through this machine's LM Studio.`,
      );
    else kept.push(remote);
  }
  return { remotes: kept, problems };
}
