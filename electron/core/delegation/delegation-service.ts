/**
 * `ask`, conservatively: read the allowed files, refuse what is too big, decline what a local model
 * should not take (gaming mode, low confidence, nothing fits, everything busy past the wait), wait in
 * line for a turn, then answer through the one router's routed chat (origin 'mcp') and cost the answer:
 * its energy from the ledger, that energy at the tariff, and the cloud price of the same tokens.
 * Every answer and decline goes to the delegation ledger.
 */
import os from 'node:os';
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { delegationMoney } from '../../../shared/delegation/delegation-money';
import { routeMessagesFromOpenAi } from '../../../shared/routing/from-openai-messages';
import type { RouteDecision, TaskKind } from '../../../shared/routing/types';
import type { Settings } from '../../../shared/settings/schema';
import { ChatError } from '../chat/chat-errors';
import type { RoutingFeature } from '../routing/create-routing';
import type { RoutedAnswer } from '../routing/routed-chat';
import type { RoutingSnapshot } from '../routing/routing-state-source';
import { nodeFileAccess, promptWithFiles, readAllowedFiles, type FileAccess } from './allowed-files';
import { createAskQueue, type AskQueue } from './ask-queue';
import { declineReasons } from './decline-reasons';
import { cancelledError, DelegationError } from './delegation-errors';
import type {
  AskContext,
  AskRequest,
  AskResult,
  AskTask,
  DelegationLedgerPort,
  DelegationService,
} from './delegation-types';
import { freeAlternative, judgeDecision, visionModels } from './judge-decision';
import { compileAnswerSchema, type AnswerSchema } from './structured-answer';

export interface DelegationDeps {
  /** The process's one router (built on first use). */
  routing: () => Pick<RoutingFeature, 'routedChat'>;
  settings: { get(): Settings };
  /** The delegation ledger in loadout.db (core.delegationLedger); null where there is none: asks still answer. */
  ledger: () => DelegationLedgerPort | null;
  /**
   * Whether a game holds the GPU (issue "Gaming mode"). The core passes its answer in; until gaming mode
   * exists the core passes a function that says false, and this port is where its detector plugs in.
   */
  gamingHoldsGpu: () => boolean | Promise<boolean>;
  /** This machine's name in results and the ledger; default os.hostname(). */
  machineName?: string;
  files?: FileAccess;
  /** Wall clock ms. */
  now?: () => number;
  /** How often a busy model is looked at again while waiting, ms (default 250). */
  busyPollMs?: number;
  /** How often progress is told while a model loads, ms (default 1000). */
  loadingTickMs?: number;
  /** Where a ledger write failure is said (once until one succeeds). */
  onMessage?: (message: string) => void;
}

const TASK_HINT: Record<AskTask, TaskKind> = {
  code: 'code',
  quick: 'quick',
  long: 'long-context',
  chat: 'chat',
  vision: 'vision',
};
const taskName = (kind: TaskKind): string => (kind === 'long-context' ? 'long' : kind);

/** A lock held from routing until the answer is marked in flight, so two asks never both take the same free model. */
function createStartLock() {
  let tail: Promise<void> = Promise.resolve();
  return async (): Promise<() => void> => {
    let release!: () => void;
    const previous = tail;
    tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  };
}

/** Build the delegation service. */
export function createDelegationService(deps: DelegationDeps): DelegationService & { queue: AskQueue } {
  const now = deps.now ?? Date.now;
  const machine = deps.machineName ?? os.hostname();
  const mcp = () => deps.settings.get().mcp;
  const queue = createAskQueue(() => mcp().maxConcurrent);
  const startLock = createStartLock();
  let ledgerFailing = false;

  function record(result: AskResult, client: string): AskResult {
    try {
      const ledger = deps.ledger();
      void Promise.resolve(
        ledger?.recordDelegation({
          at: now(),
          client,
          task: result.task,
          model: result.model,
          machine: result.machine,
          answered: result.answered,
          declined: result.declined,
          reason: result.reason,
          promptTokens: result.promptTokens,
          completionTokens: result.completionTokens,
          energyWh: result.energyWh,
          costLocal: result.costLocal,
          cloudCostAvoided: result.cloudCostAvoided,
        }),
      ).then(() => (ledgerFailing = false), ledgerFailed);
    } catch (error) {
      ledgerFailed(error);
    }
    return result;
  }
  function ledgerFailed(error: unknown) {
    if (!ledgerFailing)
      deps.onMessage?.(
        `a delegation was not recorded in the ledger (${error instanceof Error ? error.message : String(error)}); answers go on. Check that loadout.db in the data folder is writable. This is said once until recording works again.`,
      );
    ledgerFailing = true;
  }

  const declined = (reason: string, task: string, decision?: RouteDecision): AskResult => ({
    answered: false,
    declined: true,
    reason,
    text: '',
    model: decision?.choice?.modelKey ?? null,
    machine,
    confidence: decision ? decision.confidence : null,
    task,
    promptTokens: 0,
    completionTokens: 0,
    ttftMs: null,
    tokensPerSecond: null,
    energyWh: null,
    costLocal: null,
    cloudCostAvoided: null,
  });

  /** Route until a decision may be acted on (then the start lock is held and handed back), or a decline. */
  async function choose(
    request: AskRequest,
    messages: ChatCompletionMessageParam[],
    ctx: AskContext,
  ): Promise<{ decline: AskResult } | { decision: RouteDecision; snapshot: RoutingSnapshot; unlock: () => void }> {
    const { routedChat } = deps.routing();
    const settings = deps.settings.get();
    const routeRequest = {
      messages: routeMessagesFromOpenAi(messages),
      model: request.model,
      maxTokens: request.maxTokens,
      taskHint: request.task ? TASK_HINT[request.task] : undefined,
    };
    const waitMs = mcp().busyWaitSeconds * 1000;
    const started = now();
    let first = true;
    for (;;) {
      const unlock = await startLock();
      let handedOver = false;
      try {
        // The first look is logged (origin mcp), the looks while waiting are not.
        let { decision, snapshot } = await routedChat.route(routeRequest, ctx.signal, { origin: 'mcp', log: first });
        first = false;
        const task = request.task ?? taskName(decision.task.kind);
        if (request.task === 'vision' && (!request.model || request.model === 'auto')) {
          const vision = visionModels(snapshot.state);
          if (!vision.length) return { decline: declined(declineReasons.noVisionModel(), task) };
          const fit = decision.scores
            .filter((s) => s.eligible && s.endpointKind !== 'cloud' && vision.includes(s.modelKey))
            .sort((a, b) => b.total - a.total)[0];
          if (!fit) {
            const why = decision.scores.find((s) => vision.includes(s.modelKey))?.excludedBecause ?? 'none is loaded';
            return { decline: declined(declineReasons.visionNotReady([...new Set(vision)], why), task) };
          }
          ({ decision, snapshot } = await routedChat.route(
            { ...routeRequest, model: fit.instanceId ?? fit.modelKey },
            ctx.signal,
            { origin: 'mcp', log: false },
          ));
        }
        const verdict = judgeDecision(decision, snapshot, {
          minConfidence: mcp().minConfidence,
          allowJitLoad: settings.routing.allowJitLoad,
          taskName: task,
        });
        if (verdict.kind === 'decline') return { decline: declined(verdict.reason, task, decision) };
        if (verdict.kind === 'go') {
          handedOver = true;
          return { decision: verdict.decision, snapshot, unlock };
        }
        const waited = now() - started;
        if (waited >= waitMs) {
          const alt = freeAlternative(verdict.decision);
          if (alt) {
            handedOver = true;
            return { decision: alt, snapshot, unlock };
          }
          return { decline: declined(declineReasons.busy(verdict.models, mcp().busyWaitSeconds), task, decision) };
        }
        ctx.onProgress?.({
          phase: 'waiting-busy',
          message: `waiting for ${verdict.models.join(', ')}, busy with another answer`,
          model: decision.choice?.modelKey,
          elapsedMs: waited,
        });
      } finally {
        if (!handedOver) unlock();
      }
      try {
        await sleepFor(deps.busyPollMs ?? 250, undefined, { signal: ctx.signal });
      } catch {
        throw cancelledError();
      }
    }
  }

  async function ask(request: AskRequest, ctx: AskContext): Promise<AskResult> {
    const limits = mcp();
    if (typeof request.prompt !== 'string' || request.prompt.trim() === '')
      throw new DelegationError('invalid-input', 'prompt is empty: give the work to do as text.', 'prompt');
    const files = await readAllowedFiles(
      request.files ?? [],
      { roots: limits.fileRoots, maxFileBytes: limits.maxFileBytes },
      deps.files ?? nodeFileAccess,
    );
    const prompt = promptWithFiles(request.prompt, files);
    const chars = prompt.length + (request.system?.length ?? 0);
    if (chars > limits.maxPromptChars) {
      throw new DelegationError(
        'refused',
        `The prompt${files.length ? ' with its files' : ''} has ${chars} characters, over the ${limits.maxPromptChars} an ask takes (mcp.maxPromptChars). Send a shorter prompt or fewer files, or do this one yourself.`,
        'prompt',
      );
    }
    const schema: AnswerSchema | null = request.jsonSchema ? compileAnswerSchema(request.jsonSchema) : null;
    const messages: ChatCompletionMessageParam[] = [
      ...(request.system ? [{ role: 'system' as const, content: request.system }] : []),
      { role: 'user', content: prompt },
    ];
    if (await deps.gamingHoldsGpu())
      return record(declined(declineReasons.gaming(), request.task ?? 'auto'), ctx.client);

    const release = await queue.acquire(ctx.signal, (position) =>
      ctx.onProgress?.({
        phase: 'queued',
        message: `waiting for a turn: ${position} ahead in line (mcp.maxConcurrent)`,
        position,
      }),
    );
    try {
      let chosen: Awaited<ReturnType<typeof choose>>;
      try {
        chosen = await choose(request, messages, ctx);
      } catch (error) {
        // Reading LM Studio's state can fail on abort or a broken connection: either way a typed fault.
        throw ctx.signal?.aborted ? cancelledError() : toDelegationError(error);
      }
      if ('decline' in chosen) return record(chosen.decline, ctx.client);
      const answered = await answer(request, messages, chosen, schema, ctx);
      return record(answered, ctx.client);
    } finally {
      release();
    }
  }

  async function answer(
    request: AskRequest,
    messages: ChatCompletionMessageParam[],
    chosen: { decision: RouteDecision; snapshot: RoutingSnapshot; unlock: () => void },
    schema: AnswerSchema | null,
    ctx: AskContext,
  ): Promise<AskResult> {
    const { decision, snapshot, unlock } = chosen;
    const choice = decision.choice!;
    let firstText = false;
    let ticker: ReturnType<typeof setInterval> | undefined;
    if (choice.needsLoad) {
      // LM Studio loads the model on demand (JIT) before the first token; the caller hears it is not stuck.
      const t0 = now();
      const tell = () =>
        ctx.onProgress?.({
          phase: 'loading',
          message: `loading ${choice.modelKey} (not loaded yet; routing.allowJitLoad is on)`,
          model: choice.modelKey,
          elapsedMs: now() - t0,
        });
      tell();
      ticker = setInterval(tell, deps.loadingTickMs ?? 1000);
    }
    let result: RoutedAnswer;
    try {
      const pending = deps.routing().routedChat.ask({
        messages,
        model: request.model ?? 'auto',
        decided: { decision, snapshot },
        origin: 'mcp',
        keep: false,
        maxTokens: request.maxTokens,
        responseFormat: schema?.responseFormat,
        signal: ctx.signal,
        onDecision: unlock,
        onDelta: () => {
          if (firstText) return;
          firstText = true;
          clearInterval(ticker);
          ctx.onProgress?.({ phase: 'answering', message: `${choice.modelKey} is answering`, model: choice.modelKey });
        },
      });
      // The answer is marked in flight synchronously when the chat starts: the next ask routing now sees it busy.
      unlock();
      result = await pending;
    } catch (error) {
      throw toDelegationError(error);
    } finally {
      clearInterval(ticker);
      unlock();
    }
    const a = result.answer;
    if (a.finishReason === 'cancelled' || ctx.signal?.aborted) throw cancelledError();
    const promptTokens = a.promptTokens ?? decision.task.promptTokens;
    // Priced as the ledger prices it: the tariff of the minute the answer ended, the cloud price of its tokens.
    const money = delegationMoney(
      { at: a.endedAt, answered: true, energyWh: a.energyWh, promptTokens, completionTokens: a.completionTokens },
      deps.settings.get(),
    );
    const structured = schema?.check(a.text);
    const routedReason = result.fallbackFrom
      ? `${result.decision.reason} (${result.fallbackFrom.modelKey} failed first: ${result.fallbackFrom.error})`
      : result.decision.reason;
    const endpoint = snapshot.chatEndpoints.get(result.answeredBy.endpointId);
    return {
      answered: true,
      declined: false,
      reason:
        structured && !structured.ok
          ? `answered, but ${structured.problem}; the text is the model's answer as it came (not validated). Check it yourself or ask again.`
          : routedReason,
      text: a.text,
      model: result.answeredBy.modelKey,
      machine: result.answeredBy.endpointKind === 'local' || !endpoint ? machine : endpoint.label,
      confidence: decision.confidence,
      task: request.task ?? taskName(decision.task.kind),
      promptTokens,
      completionTokens: a.completionTokens,
      ttftMs: a.ttftMs,
      tokensPerSecond: a.tokensPerSecond,
      energyWh: a.energyWh,
      costLocal: money.costLocal,
      cloudCostAvoided: money.cloudCostAvoided,
      ...(structured?.ok ? { structured: structured.value } : {}),
    };
  }

  return { ask, queue };
}

/** A chat failure as a delegation fault, its sentence kept (it says what to do). */
function toDelegationError(error: unknown): DelegationError {
  if (error instanceof DelegationError) return error;
  if (error instanceof ChatError) {
    if (error.code === 'cancelled') return cancelledError();
    const code =
      error.code === 'not-running' || error.code === 'unauthorized' || error.code === 'not-lmstudio'
        ? 'unavailable'
        : 'failed';
    return new DelegationError(code, error.message, undefined, { cause: error });
  }
  return new DelegationError(
    'failed',
    `The local model could not answer: ${error instanceof Error ? error.message : String(error)}. Do this one yourself, and tell the user if it keeps happening.`,
    undefined,
    { cause: error },
  );
}
