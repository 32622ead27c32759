/** Contract: the delegation ledger's totals (every MCP `ask`), for the monitor's energy panel and the tray. */
import { z } from 'zod';
import { nullableNumber } from './common';
import { defineMethod } from './define';
import { DELEGATION_GROUPINGS } from '../delegation/delegation-record';

const DelegationTotalsSchema = z.object({
  tasks: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  declined: z.number().int().nonnegative(),
  promptTokens: z.number().nonnegative(),
  completionTokens: z.number().nonnegative(),
  energyWh: z.number(),
  costLocal: nullableNumber,
  cloudCostAvoided: nullableNumber,
  /** cloudCostAvoided − costLocal; null without a cloud price. */
  saved: nullableNumber,
});

/** Delegations in a window, grouped by client, model ("" = declined before a model) or local day, in one currency. */
export const DelegationSummarySchema = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(DELEGATION_GROUPINGS),
  currency: z.string(),
  totals: DelegationTotalsSchema,
  rows: z.array(DelegationTotalsSchema.extend({ key: z.string() })),
});
export type DelegationSummaryInfo = z.infer<typeof DelegationSummarySchema>;

export const energyDelegationMethods = {
  'energy.delegations': defineMethod(
    z
      .object({
        since: z.enum(['today', '24h', '7d', '30d']).default('today'),
        by: z.enum(DELEGATION_GROUPINGS).default('client'),
      })
      .optional(),
    DelegationSummarySchema,
    'Tasks handed to the local models over MCP (asks answered and declined), their tokens, Wh, local cost and the cloud cost they avoided; "today" is since local midnight.',
  ),
} as const;
