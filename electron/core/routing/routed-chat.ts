/**
 * A routed question, end to end: read the live state, route, send the answer through the chat service
 * to the chosen endpoint, fall back to the next candidate when the choice fails before answering, and
 * keep the history and the routing log. Used by `loadout chat`, the quick chat and the OpenAI endpoint.
 */
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import { routeMessagesFromOpenAi } from '../../../shared/routing/from-openai-messages';
import { routeRequest, type RouteOptions } from '../../../shared/routing/route-request';
import { detectTask } from '../../../shared/routing/detect-task';
import {
  DEFAULT_ROUTING_POLICY,
  type RouteChoice,
  type RouteDecision,
  type RouteMessage,
  type RouteRequest,
  type RoutingPolicy,
  type TaskKind,
} from '../../../shared/routing/types';
import { ChatError } from '../chat/chat-errors';
import type { ChatAnswer, ChatService } from '../chat/chat-service';
import type { ChatStore } from '../chat/chat-store';
import { classifyWithModel } from './model-classifier';
import { LOCAL_ENDPOINT_ID, type RoutingSnapshot } from './routing-state-source';
import { stripMentionFromMessages } from './strip-mention';

/** An answer as kept in the history: its text, how it ended, and what was measured of it. */
type KeptReply = Pick<ChatAnswer, 'text'> &
  Partial<Pick<ChatAnswer, 'ttftMs' | 'tokensPerSecond' | 'completionTokens' | 'energyWh'>> & { finish: string };

/** Where a question comes from, as the routing log records it. */
export type RouteOrigin = 'quick-chat' | 'cli' | 'endpoint' | 'mcp';

/** What one call chooses for itself, so one router per process serves every face (`--allow-load`, `--classify`, `--no-history`). */
export interface RouteCall {
  /** Default: the router's origin. */
  origin?: RouteOrigin;
  /** Wins over the router's policy for this call only (`--allow-load`). */
  policy?: Partial<RoutingPolicy>;
  /** false: keep nothing of this call, neither the routing log nor the history (`--no-history`, a dry route). */
  log?: boolean;
}

export interface RoutedChatOptions extends RouteOptions {
  /** Reads the live state (see readRoutingState). */
  snapshot: (signal?: AbortSignal) => Promise<RoutingSnapshot>;
  chat: ChatService;
  /** Answers through another machine's Loadout agent (endpoints with `agent`); absent = no agents are routed to. */
  agentChat?: ChatService;
  /** History and routing log; null = remember nothing. A function opens it on first use (so deciding never creates loadout.db). */
  store?: ChatStore | null | (() => ChatStore | null);
  origin: RouteOrigin;
  /** Ask the smallest loaded model to name the task when the detector is unsure (off by default: it costs a short model call). */
  classifyWithModel?: boolean;
  /** Called when an answer failed in a way that says the view of LM Studio is out of date (not loaded, not running). */
  onStale?: () => void;
  /** Where a failed history write is said (once, until a write succeeds again); default: stderr. */
  onMessage?: (message: string) => void;
}

export interface RoutedAsk extends Omit<RouteCall, 'log'> {
  messages: ChatCompletionMessageParam[];
  /** "auto" (default) or a model the user chose. */
  model?: string;
  /** The task when the caller knows it (the user said so); skips the small-model classifier. */
  taskHint?: TaskKind;
  maxTokens?: number;
  temperature?: number;
  /** LM Studio's structured output (response_format json_schema). */
  responseFormat?: ResponseFormatJSONSchema;
  /** A decision the caller already made on `snapshot` (delegation checks it before answering): used as is, not routed again. */
  decided?: { decision: RouteDecision; snapshot: RoutingSnapshot };
  signal?: AbortSignal;
  /** Keep the exchange in this conversation; "new" starts one; absent = not kept. */
  conversationId?: string | 'new';
  /** Ask the smallest loaded model to classify an unsure prompt (`--classify`); absent = the router's setting. */
  classifyWithModel?: boolean;
  /** false: keep nothing (`--no-history`): no routing log, no history. */
  keep?: boolean;
  onDecision?: (decision: RouteDecision) => void;
  onDelta?: (text: string) => void;
}

export interface RoutedAnswer {
  decision: RouteDecision;
  /** The choice that answered (differs from decision.choice after a fallback). */
  answeredBy: RouteChoice;
  answer: ChatAnswer;
  /** Set when the first choice failed and another answered: what failed, and on which other machine (null = this one). */
  fallbackFrom: { modelKey: string; machine: string | null; error: string } | null;
  conversationId: string | null;
  /** The stored answer's id (for 👍/👎), or null when not kept. */
  messageId: number | null;
}

/** No model can take the question; `message` is the router's reason (what to do). */
export class NoRouteError extends Error {
  constructor(readonly decision: RouteDecision) {
    super(decision.reason);
    this.name = 'NoRouteError';
  }
}

function lastUserText(messages: ChatCompletionMessageParam[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'user')
      return typeof m.content === 'string'
        ? m.content
        : m.content.map((p) => (p.type === 'text' ? p.text : '')).join('\n');
  }
  return '';
}

/** Build the routed chat. */
export function createRoutedChat(options: RoutedChatOptions) {
  const openStore = (): ChatStore | null =>
    typeof options.store === 'function' ? options.store() : (options.store ?? null);
  const say = options.onMessage ?? ((message: string) => void process.stderr.write(`loadout: ${message}\n`));
  // A full disk or a read-only loadout.db fails every write: said once, again only after a write succeeded.
  let historyFailing = false;

  /** Decide only: the decision, the snapshot it was made on, and how long deciding took (µs); `call` (or false) = not logged. */
  async function route(
    request: RouteRequest,
    signal?: AbortSignal,
    call: RouteCall | boolean = {},
  ): Promise<{ decision: RouteDecision; snapshot: RoutingSnapshot; decisionUs: number }> {
    const { log = true, origin = options.origin, policy } = typeof call === 'boolean' ? { log: call } : call;
    const snapshot = await options.snapshot(signal);
    const t0 = performance.now();
    const decision = routeRequest(
      request,
      snapshot.state,
      policy ? { ...options, policy: { ...options.policy, ...policy } } : options,
    );
    const decisionUs = (performance.now() - t0) * 1000;
    // Written after the request is on its way, batched: a database write never delays the first token.
    if (log) openStore()?.later((store) => store.logRoute(origin, decision, decisionUs));
    return { decision, snapshot, decisionUs };
  }

  /** Route and answer one question. Rejects with NoRouteError or ChatError. */
  async function ask(req: RoutedAsk): Promise<RoutedAnswer> {
    const routeMessages = routeMessagesFromOpenAi(req.messages);
    const classify = req.classifyWithModel ?? options.classifyWithModel;
    const taskHint = req.decided
      ? undefined
      : (req.taskHint ??
        (classify && (!req.model || req.model === 'auto')
          ? await classifyIfUnsure(routeMessages, req.signal, req.policy)
          : undefined));
    const call: RouteCall = { origin: req.origin, policy: req.policy, log: req.keep !== false };
    const { decision, snapshot } =
      req.decided ??
      (await route(
        { messages: routeMessages, model: req.model, maxTokens: req.maxTokens, taskHint },
        req.signal,
        call,
      ));
    req.onDecision?.(decision);
    if (!decision.choice) throw new NoRouteError(decision);
    const messages = stripMentionFromMessages(req.messages, decision.mention);
    // The user's own pick is never swapped for another model; automatic choices fall back once.
    const tries =
      decision.choice.source === 'override' || decision.choice.source === 'prompt-mention'
        ? [decision.choice]
        : fallbackChoices(decision);
    let fallbackFrom: RoutedAnswer['fallbackFrom'] = null;
    for (let i = 0; i < tries.length; i++) {
      const choice = tries[i]!;
      const endpoint = snapshot.chatEndpoints.get(choice.endpointId) ?? snapshot.chatEndpoints.get(LOCAL_ENDPOINT_ID)!;
      const service = endpoint.agent && options.agentChat ? options.agentChat : options.chat;
      try {
        const answer = await service.chat({
          endpoint,
          model: choice.instanceId ?? choice.modelKey,
          modelKey: choice.modelKey,
          messages,
          maxTokens: req.maxTokens,
          temperature: req.temperature,
          responseFormat: req.responseFormat,
          signal: req.signal,
          onDelta: req.onDelta,
        });
        const kept = remember(req, decision, choice, messages, {
          text: answer.text,
          finish: answer.finishReason,
          ttftMs: answer.ttftMs,
          tokensPerSecond: answer.tokensPerSecond,
          completionTokens: answer.completionTokens,
          energyWh: answer.energyWh,
        });
        return { decision, answeredBy: choice, answer, fallbackFrom, ...kept };
      } catch (error) {
        if (error instanceof ChatError && (error.code === 'model-not-loaded' || error.code === 'not-running'))
          options.onStale?.();
        const retryable =
          error instanceof ChatError &&
          error.partialText === '' &&
          error.code !== 'cancelled' &&
          error.code !== 'unauthorized';
        if (!retryable || i === tries.length - 1) {
          // An answer that stopped halfway is kept, marked as cut, not lost with the error.
          if (error instanceof ChatError && error.partialText !== '') {
            const kept = remember(req, decision, choice, messages, { text: error.partialText, finish: 'cut' });
            if (kept.conversationId !== null && kept.messageId !== null)
              error.kept = { conversationId: kept.conversationId, messageId: kept.messageId };
          }
          throw error;
        }
        fallbackFrom = { modelKey: choice.modelKey, machine: choice.machine, error: error.message };
      }
    }
    throw new NoRouteError(decision);
  }

  /**
   * The choice, then one fallback: the best runner-up on another endpoint when there is one, since a
   * machine that dropped takes all its models with it; else the best runner-up.
   */
  function fallbackChoices(decision: RouteDecision): RouteChoice[] {
    const first = decision.choice!;
    const next = decision.runnersUp.find((c) => c.endpointId !== first.endpointId) ?? decision.runnersUp[0] ?? null;
    return next ? [first, next] : [first];
  }

  /** The small model's classification when the cheap detector's confidence is below 0.75; undefined otherwise. */
  async function classifyIfUnsure(
    messages: RouteMessage[],
    signal?: AbortSignal,
    policy?: Partial<RoutingPolicy>,
  ): Promise<TaskKind | undefined> {
    const guess = detectTask(messages, { ...DEFAULT_ROUTING_POLICY, ...options.policy, ...policy });
    if (guess.confidence >= 0.75 || guess.kind === 'vision' || guess.kind === 'long-context') return undefined;
    const last = [...messages].reverse().find((m) => m.role === 'user')?.text ?? '';
    const named = await classifyWithModel(options.chat, await options.snapshot(signal), last, { signal });
    return named?.kind;
  }

  /** Keep the exchange in the chat history (`finish` 'cut' for a partial answer); never fails the answer. */
  function remember(
    req: RoutedAsk,
    decision: RouteDecision,
    choice: RouteChoice,
    sent: ChatCompletionMessageParam[],
    reply: KeptReply,
  ): { conversationId: string | null; messageId: number | null } {
    if (!req.conversationId || req.keep === false) return { conversationId: null, messageId: null };
    const store = openStore();
    if (!store) return { conversationId: null, messageId: null };
    try {
      const kept = store.keepExchange(req.conversationId, lastUserText(sent), {
        role: 'assistant',
        content: reply.text,
        model: choice.modelKey,
        endpointId: choice.endpointId,
        task: decision.task.kind,
        reason: decision.reason,
        ttftMs: reply.ttftMs ?? null,
        tokensPerSecond: reply.tokensPerSecond ?? null,
        completionTokens: reply.completionTokens ?? null,
        energyWh: reply.energyWh ?? null,
        finish: reply.finish,
      });
      historyFailing = false;
      return kept;
    } catch (error) {
      if (!historyFailing)
        say(
          `this answer was not saved to the chat history (${error instanceof Error ? error.message : String(error)}). Answers still work; check that loadout.db in the data folder is writable and the disk has space. This is said once until saving works again.`,
        );
      historyFailing = true;
      return { conversationId: null, messageId: null };
    }
  }

  return { route, ask };
}

export type RoutedChat = ReturnType<typeof createRoutedChat>;
