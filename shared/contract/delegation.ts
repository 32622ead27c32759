/**
 * Contract: work an agent hands to the local models (the MCP `ask` tool calls this). `delegation.ask`
 * answers or declines (a decline is a result the caller acts on, not an error); `delegation.progress`
 * tells the caller alone where its ask stands (queued, waiting for a busy model, loading one, answering);
 * `delegation.cancel` stops it, the LM Studio stream included.
 */
import { z } from 'zod';
import { nullableNumber } from './common';
import { defineEvent, defineMethod } from './define';

/** The task as a caller names it (`long` = long context). */
export const ASK_TASKS = ['code', 'quick', 'long', 'chat', 'vision'] as const;
export type AskTaskName = (typeof ASK_TASKS)[number];

export const DelegationAskInputSchema = z.object({
  prompt: z.string().min(1, 'give the work to do as text'),
  task: z.enum(ASK_TASKS).optional(),
  /** "auto" (default) routes; a model key or instance id is the caller's pick. */
  model: z.string().min(1).optional(),
  system: z.string().optional(),
  maxTokens: z.number().int().positive().max(1_000_000).optional(),
  /** The answer must be JSON valid against this JSON Schema (structured output, then validated). */
  jsonSchema: z.record(z.string(), z.unknown()).optional(),
  /** Absolute paths read on the serving machine, only under `mcp.fileRoots`. */
  files: z.array(z.string().min(1, 'give a file path')).max(64, 'send at most 64 files').optional(),
  /** The MCP client's name from its handshake ("claude-code"), for the ledger; absent = "unknown". */
  client: z.string().min(1).max(200).optional(),
  /** Chosen by the caller to tie `delegation.progress` to this ask and to cancel it; absent = one is made up (then it cannot be cancelled). */
  requestId: z.string().min(1).max(200).optional(),
});

export const AskResultSchema = z.object({
  answered: z.boolean(),
  declined: z.boolean(),
  /** Why this model, why declined ("keep this one: …"), or what is wrong with the answer. */
  reason: z.string(),
  text: z.string(),
  model: z.string().nullable(),
  machine: z.string(),
  confidence: nullableNumber,
  task: z.string(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  ttftMs: nullableNumber,
  tokensPerSecond: nullableNumber,
  energyWh: nullableNumber,
  /** The answer's energy at the tariff, in the energy ledger's currency. */
  costLocal: nullableNumber,
  /** The same tokens at `mcp.cloudPrice`. */
  cloudCostAvoided: nullableNumber,
  /** The parsed JSON answer, present only when `jsonSchema` was given and the answer is valid against it. */
  structured: z.unknown().optional(),
});
export type AskResultInfo = z.infer<typeof AskResultSchema>;

export const DelegationProgressSchema = z.object({
  requestId: z.string(),
  phase: z.enum(['queued', 'waiting-busy', 'loading', 'answering']),
  message: z.string(),
  position: z.number().int().positive().optional(),
  model: z.string().optional(),
  elapsedMs: z.number().nonnegative().optional(),
});
export type DelegationProgress = z.infer<typeof DelegationProgressSchema>;

export const delegationMethods = {
  'delegation.ask': defineMethod(
    DelegationAskInputSchema,
    AskResultSchema,
    'Hand work to the local models: a routed answer with its model, energy and cost, or a decline saying why the caller should keep it.',
  ),
  'delegation.cancel': defineMethod(
    z.object({ requestId: z.string().min(1) }),
    z.object({ cancelled: z.boolean() }),
    'Stop an ask in progress (queued, waiting or streaming).',
  ),
} as const;

export const delegationEvents = {
  'delegation.progress': defineEvent(
    DelegationProgressSchema,
    'Where an ask stands (queued, waiting for a busy model, loading one, answering); sent to its caller only.',
  ),
} as const;
