/**
 * The router's vocabulary: what a request asks for, what the machine can offer, what this machine has
 * measured, and the decision with its reason. Pure types: the core fills them from live state.
 */
import type { CatalogModel } from '../lmstudio/types';
import type { Exclusion, ReasonNote, ReasonParts } from './reason-text';

/** What kind of question this is; decides which model family fits best. */
export type TaskKind = 'code' | 'vision' | 'long-context' | 'quick' | 'chat';
export const TASK_KINDS: readonly TaskKind[] = ['code', 'vision', 'long-context', 'quick', 'chat'];

export type PromptLanguage = 'pt-BR' | 'en' | 'unknown';

/** One chat message as the router sees it: text plus whether images ride along. */
export interface RouteMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  text: string;
  /** Number of images attached to this message. */
  images?: number;
}

/** A request to route. */
export interface RouteRequest {
  messages: RouteMessage[];
  /** "auto" or absent = route; anything else = the user's explicit choice (model chip, API `model`). */
  model?: string;
  /** The answer budget in tokens; default depends on the task. */
  maxTokens?: number;
  /** Context the caller wants at least (e.g. a long document on the way). */
  wantedContext?: number;
  /** The request carries tool definitions: only models trained for tool use fit. */
  needsTools?: boolean;
  /** A task the caller already knows (the user's pick, or a small model's classification); vision and long context still win. */
  taskHint?: TaskKind;
}

/** The task as detected cheaply from the text, with the signals that decided it. */
export interface TaskProfile {
  kind: TaskKind;
  language: PromptLanguage;
  /** Estimated prompt tokens (all messages). */
  promptTokens: number;
  /** Tokens the answer may take. */
  answerBudget: number;
  /** 0..1: how sure the detector is of `kind`. */
  confidence: number;
  /** Also code-like, even when another kind won (e.g. long context that is code). */
  hasCode: boolean;
  /** Short human-readable signals, e.g. "fenced code", "stack trace", "12k tokens". */
  signals: string[];
  /** Tool definitions came with the request. */
  needsTools?: boolean;
}

/** Why an endpoint could not be read: nothing answers, it wants a token, or what answers is not LM Studio. */
export type UnreachableCause = 'not-running' | 'unauthorized' | 'not-lmstudio';

/** One place that serves models: this machine's LM Studio, another machine's, or a cloud endpoint. */
export interface RoutingEndpoint {
  id: string;
  label: string;
  kind: 'local' | 'remote' | 'cloud';
  /** False when the last probe failed: its models are not candidates. */
  reachable: boolean;
  /** Why it is not reachable, when the probe could tell (a token is needed; the server is not LM Studio). */
  unreachableCause?: UnreachableCause;
  models: CatalogModel[];
  /** Cloud/remote endpoints: whether the server loads models on demand (JIT). Local: from the policy. */
  jit?: boolean;
  /** Another machine's name (from `machines`); absent on this machine and the cloud. */
  machine?: string;
  /** What a Loadout agent says it is doing now (the fleet watch); absent where nobody can tell. */
  load?: MachineLoad;
}

/** A Loadout agent's live availability, from its own busy guard and GPU. */
export interface MachineLoad {
  /** Loaded model keys answering a request now. */
  busyModels: readonly string[];
  /** Requests waiting on that machine. */
  queue: number;
  /** GPU utilization now (the busiest GPU), 0..100; null = unknown. */
  gpuUtilizationPercent: number | null;
}

/** What this machine has measured for one model (answers and benchmark runs), fed by the ledger and benchmarks. */
export interface ModelEvidence {
  /** Median generation speed over recent answers or benchmark runs. */
  tokensPerSecond?: number | null;
  /** Median time to first token, ms. */
  ttftMs?: number | null;
  /** How many measurements the speed figures come from. */
  speedSamples?: number;
  /** The user's 👍/👎 per task. */
  ratings?: Partial<Record<TaskKind, { up: number; down: number }>>;
  /** Benchmark quality stars (1..5) per task, or for any task. */
  stars?: Partial<Record<TaskKind | 'any', { mean: number; count: number }>>;
}

/** Evidence per model key (same key on every endpoint: the model's quality does not change with the machine). */
export type RoutingEvidence = Record<string, ModelEvidence>;

/** How bold the router may be. */
export interface RoutingPolicy {
  /** Propose loading a model that is downloaded but not loaded (JIT), when it fits the VRAM left. */
  allowJitLoad: boolean;
  /** Below this confidence the router prefers the cloud endpoint, when one is enabled ("when in doubt → commercial"). */
  doubtBelow: number;
  /** Prompts over this many tokens are long-context tasks. */
  longContextTokens: number;
  /** Models with at most this many billion parameters count as small (quick answers). */
  smallModelMaxB: number;
}

export const DEFAULT_ROUTING_POLICY: RoutingPolicy = {
  allowJitLoad: false,
  doubtBelow: 0.35,
  longContextTokens: 6000,
  smallModelMaxB: 8,
};

/** Everything the router reads besides the request; built by the core from live state. */
export interface RoutingState {
  endpoints: RoutingEndpoint[];
  /** Free VRAM on this machine, bytes; null = unknown (then no JIT load is proposed). */
  vramFreeBytes: number | null;
  /** Instance ids generating right now (Loadout's own in-flight requests or LM Studio's status). */
  busyInstances?: readonly string[];
  evidence?: RoutingEvidence;
}

/** Estimated bytes a model takes when loaded with a context length; null = unknown. */
export type LoadEstimator = (model: CatalogModel, contextLength: number) => number | null;

/** One candidate's verdict: its score parts, or why it was left out. */
export interface CandidateScore {
  modelKey: string;
  endpointId: string;
  endpointKind: RoutingEndpoint['kind'];
  /** The other machine it runs on (see RouteChoice.machine). */
  machine: string | null;
  instanceId: string | null;
  /** Context it would run with (loaded instance's, or the max for a load); null = unknown. */
  contextLength: number | null;
  loaded: boolean;
  eligible: boolean;
  /** Why it is not eligible, in English, e.g. "no vision", "context 4096 < 9216 needed" (data in `exclusion`). */
  excludedBecause: string | null;
  exclusion: Exclusion | null;
  total: number;
  parts: Record<string, number>;
  /** Facts for the reason line, best first (text via reason-text.ts). */
  notes: ReasonNote[];
}

/** The routed model. */
export interface RouteChoice {
  modelKey: string;
  /** The instance to address (LM Studio accepts the instance id as `model`); null = load or let the server pick. */
  instanceId: string | null;
  endpointId: string;
  endpointKind: RoutingEndpoint['kind'];
  /**
   * The machine that answers: another machine's name (a Loadout agent or an LM Studio-only machine),
   * or null for this machine and the cloud endpoint (`route --json` carries it as `choice.machine`).
   */
  machine: string | null;
  /** A JIT load will happen first. */
  needsLoad: boolean;
  contextLength: number | null;
  score: number;
  /** How it was chosen. */
  source: 'auto' | 'override' | 'prompt-mention' | 'doubt-cloud' | 'fallback';
}

/** The decision with its one-line reason and every candidate's scores. */
export interface RouteDecision {
  choice: RouteChoice | null;
  runnersUp: RouteChoice[];
  /** One line in English, e.g. "code detected → qwen2.5-coder-14b, loaded, 8k context fits". */
  reason: string;
  /** The reason as data: `formatReason(reasonParts, 'pt-BR')` gives the quick chat's Portuguese line. */
  reasonParts: ReasonParts;
  task: TaskProfile;
  /** 0..1 for the choice: task detection × how well the model matches the task. */
  confidence: number;
  scores: CandidateScore[];
  /** The prompt with an `@model` mention removed (send this to the model). */
  cleanedMessages: RouteMessage[];
  /** The `@model` mention that chose the model (removed from the prompt), or null. */
  mention: string | null;
}
