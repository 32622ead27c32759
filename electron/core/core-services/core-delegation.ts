/**
 * The process's one delegation service (`core.delegation`): `ask` over the one router, recorded in the one
 * delegation ledger, its concurrency limited across every face of this process (MCP stdio, /mcp, the app API).
 */
import { createDelegationService, type DelegationDeps } from '../delegation/delegation-service';
import type { DelegationService } from '../delegation/delegation-types';

export type CoreDelegationParts = Pick<DelegationDeps, 'routing' | 'settings' | 'ledger' | 'onMessage'>;

/** Build the delegation service over the core's router and ledger. */
export function createCoreDelegation(parts: CoreDelegationParts): DelegationService {
  return createDelegationService({
    ...parts,
    // The gaming-mode port: gaming mode (its own issue) is not built yet, so no game ever holds the GPU here.
    // Its detector replaces this function; `ask` already declines when it says true (tested with one that does).
    gamingHoldsGpu: () => false,
  });
}
