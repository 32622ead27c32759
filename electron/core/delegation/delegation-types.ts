/**
 * The delegation vocabulary: what an agent asks (`ask` over MCP or `delegation.ask`), what it gets back
 * (an answer, or a decline it can act on), its progress, and the ledger port every ask is recorded through.
 */
import type { AskTaskName } from '../../../shared/contract/delegation';
import type { DelegationRecord } from '../../../shared/delegation/delegation-record';

/** The task as a caller names it (`long` is the router's long-context). */
export type AskTask = AskTaskName;

/** One piece of work an agent hands to the local models. */
export interface AskRequest {
  prompt: string;
  task?: AskTask;
  /** "auto" (default) routes; a model key or instance id is the caller's pick. */
  model?: 'auto' | string;
  system?: string;
  maxTokens?: number;
  /** The answer must be JSON valid against this schema (LM Studio's structured output, then checked here). */
  jsonSchema?: Record<string, unknown>;
  /** Paths read on this machine, only under `mcp.fileRoots`, appended to the prompt. */
  files?: string[];
}

/** An answer, or a decline (answered false, declined true, `reason` says what the caller should do). */
export interface AskResult {
  answered: boolean;
  declined: boolean;
  /** Why this model (the router's line), or why declined ("keep this one: …"), or what was wrong with the answer. */
  reason: string;
  text: string;
  model: string | null;
  /** Which machine answered: this one's name, or another machine's label. */
  machine: string;
  confidence: number | null;
  task: string;
  promptTokens: number;
  completionTokens: number;
  ttftMs: number | null;
  tokensPerSecond: number | null;
  energyWh: number | null;
  /** The local energy at the tariff, in the ledger's currency; null without a reading or a tariff. */
  costLocal: number | null;
  /** The same tokens at `mcp.cloudPrice`; null when nothing was answered. */
  cloudCostAvoided: number | null;
  /** The parsed answer when `jsonSchema` was given and the answer is valid against it. */
  structured?: unknown;
}

/** Where an ask stands, for the caller's progress notifications. */
export interface AskProgress {
  phase: 'queued' | 'waiting-busy' | 'loading' | 'answering';
  /** One English line a person can read ("waiting for qwen2.5-coder-14b, busy with another answer"). */
  message: string;
  /** Place in the line while queued (1 = next). */
  position?: number;
  model?: string;
  /** Time spent in this phase so far. */
  elapsedMs?: number;
}

/** Who asks and how to reach them while the ask runs. */
export interface AskContext {
  /** The MCP client's name from the handshake ("claude-code"); recorded in the ledger. */
  client: string;
  signal?: AbortSignal;
  onProgress?: (progress: AskProgress) => void;
}

/** Where asks are recorded: the write side of the delegation ledger (core.delegationLedger), which never throws into an ask. */
export interface DelegationLedgerPort {
  recordDelegation(row: DelegationRecord): void | Promise<void>;
}

/** The delegation service on the core (`core.delegation`). */
export interface DelegationService {
  /** Answer or decline; rejects with DelegationError for faults and bad input. */
  ask(request: AskRequest, context: AskContext): Promise<AskResult>;
}
