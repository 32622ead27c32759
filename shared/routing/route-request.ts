/**
 * The router: detect the task, honour the user's override, score the candidates and pick one, with a
 * one-line reason. Policy from the user's document: local first, conservative, and when in doubt
 * (low confidence) a cloud model if the user enabled one. Pure and synchronous: the core brings state.
 */
import { detectTask } from './detect-task';
import { defaultLoadBytes } from './load-estimate';
import { extractMention, resolveModelName } from './model-mention';
import { modelTraits } from './model-traits';
import { formatReason, type ReasonParts } from './reason-text';
import { scoreCandidates, taskMatch } from './score-candidates';
import {
  DEFAULT_ROUTING_POLICY,
  type CandidateScore,
  type LoadEstimator,
  type RouteChoice,
  type RouteDecision,
  type RouteRequest,
  type RoutingPolicy,
  type RoutingState,
  type TaskProfile,
} from './types';

export interface RouteOptions {
  policy?: Partial<RoutingPolicy>;
  /** Memory a model takes loaded (the project's estimator); default the presets' memory-fit estimate. */
  estimateLoadBytes?: LoadEstimator;
}

function toChoice(s: CandidateScore, source: RouteChoice['source']): RouteChoice {
  return {
    modelKey: s.modelKey,
    instanceId: s.instanceId,
    endpointId: s.endpointId,
    endpointKind: s.endpointKind,
    machine: s.machine,
    needsLoad: !s.loaded,
    contextLength: s.contextLength,
    score: s.total,
    source,
  };
}

const ANSWER_BUDGET_FOR_HINT: Partial<Record<TaskProfile['kind'], number>> = { code: 2048, quick: 512, chat: 1024 };

/** Apply a known task: it replaces what the text suggested, except an attached image or a prompt too long for the hint to matter. */
function withHint(
  task: TaskProfile,
  hint: TaskProfile['kind'] | undefined,
  maxTokens: number | undefined,
): TaskProfile {
  if (
    !hint ||
    hint === task.kind ||
    task.kind === 'vision' ||
    task.kind === 'long-context' ||
    hint === 'vision' ||
    hint === 'long-context'
  )
    return task;
  return {
    ...task,
    kind: hint,
    confidence: Math.max(task.confidence, 0.85),
    hasCode: task.hasCode || hint === 'code',
    answerBudget: maxTokens && maxTokens > 0 ? maxTokens : (ANSWER_BUDGET_FOR_HINT[hint] ?? task.answerBudget),
    signals: [...task.signals, `classified as ${hint}`],
  };
}

/** Best eligible candidate per distinct model and endpoint, in score order. */
function distinct(scores: CandidateScore[]): CandidateScore[] {
  const seen = new Set<string>();
  const out: CandidateScore[] = [];
  for (const s of scores) {
    if (!s.eligible) continue;
    const id = `${s.endpointId}\u0000${s.modelKey}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(s);
  }
  return out;
}

function confidenceOf(s: CandidateScore, task: TaskProfile, state: RoutingState, policy: RoutingPolicy): number {
  const model = state.endpoints.find((e) => e.id === s.endpointId)?.models.find((m) => m.key === s.modelKey);
  const match = model ? taskMatch(task, modelTraits(model), policy) : 0.5;
  const r = state.evidence?.[s.modelKey]?.ratings?.[task.kind];
  // Ratings move the confidence: a model the user keeps 👎-ing for this task is a doubt.
  const rated = r && r.up + r.down >= 2 ? ((r.up - r.down) / (r.up + r.down)) * 0.2 : 0;
  const c = task.confidence * match * (s.loaded ? 1 : 0.9) + rated;
  return Math.max(0, Math.min(1, Math.round(c * 100) / 100));
}

/** Route one request: the chosen model, the runners-up, the reason line and every candidate's scores. */
export function routeRequest(request: RouteRequest, state: RoutingState, options: RouteOptions = {}): RouteDecision {
  const policy: RoutingPolicy = { ...DEFAULT_ROUTING_POLICY, ...options.policy };
  const estimate = options.estimateLoadBytes ?? defaultLoadBytes;
  const { mention, messages: withoutMention } = extractMention(request.messages);
  const mentioned = mention ? resolveModelName(mention, state.endpoints) : null;
  const messages = mentioned ? withoutMention : [...request.messages];
  const task = withHint(detectTask(messages, policy, request.maxTokens), request.taskHint, request.maxTokens);
  if (request.needsTools) task.needsTools = true;
  const needed = Math.max(task.promptTokens + task.answerBudget, request.wantedContext ?? 0);
  const scores = scoreCandidates(task, needed, state, policy, estimate);
  const ranked = distinct(scores);
  const base = { task, scores, cleanedMessages: messages, mention: mentioned ? mention : null };

  // 1. The user's explicit choice (chip / API model), then an @mention: always honoured.
  const explicit = request.model && request.model !== 'auto' ? request.model : null;
  const override = explicit ? resolveModelName(explicit, state.endpoints) : mentioned;
  if (explicit || override) {
    const source: RouteChoice['source'] = explicit ? 'override' : 'prompt-mention';
    const key = override?.modelKey ?? explicit!;
    const s = scores.find(
      (c) =>
        c.modelKey === key &&
        c.endpointId === override?.endpointId &&
        (override?.instanceId == null || c.instanceId === override.instanceId),
    );
    const choice: RouteChoice = s
      ? { ...toChoice(s, source), instanceId: override?.instanceId ?? s.instanceId }
      : {
          modelKey: key,
          instanceId: null,
          endpointId: override?.endpointId ?? state.endpoints.find((e) => e.kind === 'local')?.id ?? 'local',
          endpointKind: 'local',
          machine: null,
          needsLoad: false,
          contextLength: null,
          score: 0,
          source,
        };
    const reasonParts: ReasonParts = {
      kind: 'override',
      mention: explicit ? null : mention,
      model: key,
      exclusion: s?.exclusion ?? null,
      state: !override ? 'not-in-catalog' : s && !s.eligible ? 'excluded' : s?.loaded ? 'loaded' : 'not-loaded',
    };
    return finish(
      {
        ...base,
        choice,
        runnersUp: ranked
          .filter((c) => c.modelKey !== key)
          .slice(0, 3)
          .map((c) => toChoice(c, 'auto')),
        confidence: 1,
      },
      reasonParts,
    );
  }

  const local = ranked.filter((c) => c.endpointKind !== 'cloud');
  const cloud = ranked.filter((c) => c.endpointKind === 'cloud');
  const best = local[0];
  const confidence = best ? confidenceOf(best, task, state, policy) : 0;
  const about = { task: task.kind, promptTokens: task.promptTokens };

  // 2. When in doubt (or nothing local fits) → the cloud model, if the user enabled one.
  if (cloud[0] && (!best || confidence < policy.doubtBelow)) {
    const c = cloud[0];
    const runnersUp = local.slice(0, 3).map((x) => toChoice(x, 'auto'));
    return finish(
      { ...base, choice: toChoice(c, 'doubt-cloud'), runnersUp, confidence },
      {
        kind: 'doubt-cloud',
        ...about,
        localModel: best?.modelKey ?? null,
        confidence,
        cloudModel: c.modelKey,
        cloudLabel: labelOf(state, c.endpointId),
      },
    );
  }
  if (!best) {
    // A loaded model's exclusion says the most ("context 4096 < 6200 needed"), then any other.
    const exclusion =
      (scores.find((x) => !x.eligible && x.instanceId !== null) ?? scores.find((x) => !x.eligible))?.exclusion ?? null;
    const why = state.endpoints.every((e) => !e.reachable)
      ? 'unreachable'
      : scores.length === 0
        ? 'no-models'
        : 'nothing-fits';
    // This machine's LM Studio says the most about why nothing answers (a token is needed, the address is wrong).
    const cause =
      why === 'unreachable'
        ? (state.endpoints.find((e) => e.kind === 'local') ?? state.endpoints[0])?.unreachableCause
        : undefined;
    return finish(
      { ...base, choice: null, runnersUp: [], confidence: 0 },
      { kind: 'none', why, ...about, exclusion, ...(cause && cause !== 'not-running' ? { cause } : {}) },
    );
  }
  const source: RouteChoice['source'] =
    best.endpointKind === 'remote' && !local.some((x) => x.endpointKind === 'local') ? 'fallback' : 'auto';
  return finish(
    {
      ...base,
      choice: toChoice(best, source),
      runnersUp: local
        .slice(1, 4)
        .concat(cloud.slice(0, 1))
        .map((x) => toChoice(x, 'auto')),
      confidence,
    },
    { kind: 'routed', ...about, model: best.modelKey, machine: best.machine, notes: best.notes },
  );
}

/** Attach the reason, as data and as its English line. */
function finish(d: Omit<RouteDecision, 'reason' | 'reasonParts'>, reasonParts: ReasonParts): RouteDecision {
  return { ...d, reasonParts, reason: formatReason(reasonParts, 'en') };
}

function labelOf(state: RoutingState, endpointId: string): string {
  return state.endpoints.find((e) => e.id === endpointId)?.label ?? endpointId;
}
