/**
 * The process's one delegation service (`core.delegation`): `ask` over the one router, recorded in the one
 * delegation ledger, its concurrency limited across every face of this process (MCP stdio, /mcp, the app API).
 */
import { createDelegationService, type DelegationDeps } from '../delegation/delegation-service';
import type { AskQueue } from '../delegation/ask-queue';
import type { DelegationService } from '../delegation/delegation-types';

export type CoreDelegationParts = Pick<
  DelegationDeps,
  'routing' | 'settings' | 'ledger' | 'onMessage' | 'gamingHoldsGpu'
>;

/** Build the delegation service over the core's router and ledger. */
export function createCoreDelegation(parts: CoreDelegationParts): DelegationService & { queue: AskQueue } {
  // Gaming mode's answer (core.gaming.holdsGpu): while a game holds the GPU, `ask` declines.
  return createDelegationService(parts);
}
