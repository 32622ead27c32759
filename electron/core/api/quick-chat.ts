/**
 * The quick chat over the app API: each `chat.send` is routed (the model the user picked, or the
 * router's choice with its one-line reason) and answered through the routed chat, its text pushed as
 * `chat.delta` events and its end as one `chat.done`, both to the caller that asked only; `chat.cancel` aborts it.
 */
import { randomUUID } from 'node:crypto';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import {
  AppApiError,
  toApiError,
  type ChatDone,
  type ChatMessage,
  type ChatRoute,
  type ChatStarted,
  type ContractEventSink,
  type MethodInput,
} from '../../../shared/contract';
import type { RouteDecision } from '../../../shared/routing/types';
import { ChatError } from '../chat/chat-errors';
import type { ChatStore } from '../chat/chat-store';
import { formatDecision, formatScores } from '../routing/format-decision';
import { NoRouteError, type RoutedAnswer, type RoutedAsk } from '../routing/routed-chat';
import { noRouteProblem } from '../../../shared/routing/no-route-problem';

/** The routed chat's `ask` (injectable for tests). */
export type AskRouted = (req: RoutedAsk) => Promise<RoutedAnswer>;

/** What the quick chat's handlers need: answer, decide without answering, and the kept history. */
export interface QuickChatBackend {
  ask: AskRouted;
  /** A dry decision (not logged): the choice and runners-up for the prompt being typed. */
  route(req: { messages: ChatMessage[]; model?: string }, signal?: AbortSignal): Promise<ChatRoute>;
  /** History and ratings; null when the database could not be opened (then nothing is kept). */
  store: ChatStore | null;
  /** A rating changed: the router's evidence must be read again. */
  onRated(): void;
  /** Close the history (writes what is batched first); absent when the core owns it. */
  close?(): void;
}

export interface QuickChatOptions {
  ask: AskRouted;
  events: ContractEventSink;
}

/** Runs quick chat requests; each has an id that ties its events together. */
export class QuickChat {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly options: QuickChatOptions) {}

  /**
   * Route the question and resolve once a model is chosen; the answer streams as events afterwards,
   * addressed to `callerId` (the window or socket that asked) so no other one sees it.
   */
  send(input: MethodInput<'chat.send'>, callerId?: string): Promise<ChatStarted> {
    const requestId = randomUUID();
    const controller = new AbortController();
    this.running.set(requestId, controller);
    const { events } = this.options;
    return new Promise<ChatStarted>((resolve, reject) => {
      let started = false;
      let explanation: string | undefined;
      const answer = this.options.ask({
        messages: withImages(input.messages, input.images),
        model: input.model ?? 'auto',
        conversationId: input.keep === false ? undefined : input.conversationId,
        maxTokens: input.maxTokens,
        taskHint: input.taskHint,
        // Per-call choices (the CLI's flags): absent, the settings decide.
        policy: input.allowLoad ? { allowJitLoad: true } : undefined,
        classifyWithModel: input.classify ? true : undefined,
        keep: input.keep,
        origin: input.origin,
        signal: controller.signal,
        onDecision: (decision: RouteDecision) => {
          if (input.explain) explanation = formatDecision(decision) + formatScores(decision);
          if (!decision.choice) return;
          started = true;
          resolve({
            ...startedFrom(requestId, decision.choice.modelKey, decision),
            ...(explanation ? { explanation } : {}),
          });
        },
        onDelta: (text) => {
          if (text) events.emit('chat.delta', { requestId, text }, callerId);
        },
      });
      answer.then(
        (result) => {
          this.running.delete(requestId);
          if (!started) resolve(startedFrom(requestId, result.answeredBy.modelKey, result.decision));
          events.emit('chat.done', doneFrom(requestId, result), callerId);
        },
        (error: unknown) => {
          this.running.delete(requestId);
          const apiError = toChatError(error, controller.signal.aborted, explanation);
          if (!started) return reject(apiError);
          events.emit(
            'chat.done',
            {
              requestId,
              finishReason: controller.signal.aborted ? 'cancelled' : 'error',
              error: controller.signal.aborted ? null : toApiError(apiError),
              usage: null,
              ...(error instanceof ChatError && error.code === 'interrupted' && !controller.signal.aborted
                ? { cut: true }
                : {}),
              ...(error instanceof ChatError
                ? { failure: { code: error.code, serverMessage: error.serverMessage } }
                : {}),
              // A cut answer is kept in the history: the next question goes on in the same conversation.
              ...(error instanceof ChatError && error.kept
                ? { conversationId: error.kept.conversationId, messageId: error.kept.messageId }
                : {}),
            },
            callerId,
          );
        },
      );
    });
  }

  /** Stop a running answer; false when it already ended. */
  cancel(requestId: string): boolean {
    const controller = this.running.get(requestId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  /** Stop every running answer (shutdown). */
  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}

/** The last user message with the pictures as OpenAI image parts (data URLs), so the router sees a vision task. */
function withImages(messages: ChatMessage[], images: string[] | undefined): ChatCompletionMessageParam[] {
  if (!images?.length) return messages;
  const last = messages.map((m) => m.role).lastIndexOf('user');
  return messages.map((m, i) =>
    i === last
      ? {
          role: 'user',
          content: [
            { type: 'text', text: m.content },
            ...images.map((url) => ({ type: 'image_url' as const, image_url: { url } })),
          ],
        }
      : m,
  );
}

function startedFrom(requestId: string, model: string, decision: RouteDecision): ChatStarted {
  return {
    requestId,
    model,
    reason: decision.reason,
    reasonParts: decision.reasonParts,
    task: decision.task.kind,
    confidence: decision.confidence,
  };
}

/** The end of an answer with what the UI shows under it: who answered, its measurements, and the id to rate it by. */
function doneFrom(requestId: string, result: RoutedAnswer): ChatDone {
  const { answer } = result;
  const finishReason =
    answer.finishReason === 'cancelled' ? 'cancelled' : answer.finishReason === 'length' ? 'length' : 'stop';
  return {
    requestId,
    finishReason,
    error: null,
    usage:
      answer.promptTokens === null
        ? null
        : { promptTokens: answer.promptTokens, completionTokens: answer.completionTokens },
    model: result.answeredBy.modelKey,
    fallbackFrom: result.fallbackFrom?.modelKey ?? null,
    ...(result.fallbackFrom ? { fallbackError: result.fallbackFrom.error } : {}),
    endpoint: result.answeredBy.endpointKind,
    machine: result.answeredBy.machine,
    completionTokens: answer.completionTokens,
    messageId: result.messageId,
    conversationId: result.conversationId,
    ttftMs: finite(answer.ttftMs),
    tokensPerSecond: finite(answer.tokensPerSecond),
    energyWh: finite(answer.energyWh),
  };
}

const finite = (n: number | null | undefined): number | null =>
  typeof n === 'number' && Number.isFinite(n) ? n : null;

/** No route → `refused` with the router's reason (what to do), after the scores when asked; anything else keeps its message. */
function toChatError(error: unknown, aborted: boolean, explanation?: string): AppApiError {
  if (error instanceof NoRouteError)
    return new AppApiError(
      'refused',
      explanation ? `${explanation}${error.message}` : error.message,
      undefined,
      noRouteProblem(error.decision.reasonParts),
    );
  if (aborted) return new AppApiError('cancelled', 'The answer was stopped.');
  if (error instanceof AppApiError) return error;
  return new AppApiError('failed', error instanceof Error ? error.message : String(error));
}
