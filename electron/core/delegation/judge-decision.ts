/**
 * Whether a routing decision may be acted on for a delegation, conservatively: the work goes to a
 * local (or another machine's) model only when the router is sure enough, the model exists and is
 * loaded (or may be loaded), and it is free. A cloud choice is never taken: the caller is the cloud.
 */
import { modelTraits } from '../../../shared/routing/model-traits';
import type { RouteChoice, RouteDecision, RoutingState } from '../../../shared/routing/types';
import type { RoutingSnapshot } from '../routing/routing-state-source';
import { declineReasons } from './decline-reasons';
import { DelegationError } from './delegation-errors';

export type Verdict =
  | { kind: 'go'; decision: RouteDecision }
  | { kind: 'decline'; reason: string }
  /** The choice is busy (or loading it could evict a busy model); `models` name what it waits for. */
  | { kind: 'busy'; models: string[]; decision: RouteDecision };

export interface JudgeOptions {
  minConfidence: number;
  allowJitLoad: boolean;
  /** The task as the caller named it (for the reason line). */
  taskName: string;
}

/** Whether an instance on an endpoint is answering now. */
export type BusyCheck = (endpointId: string, instanceId: string, modelKey: string) => boolean;

/**
 * What is generating now: this machine's own answers (any process) and what LM Studio reports, and
 * another machine's models its agent says are busy. Per endpoint: two machines' instances may share an id.
 */
export function busyCheck(state: RoutingState): BusyCheck {
  const local = new Set(state.busyInstances ?? []);
  const byId = new Map(state.endpoints.map((e) => [e.id, e]));
  return (endpointId, instanceId, modelKey) => {
    const ep = byId.get(endpointId);
    if (!ep) return false;
    if (ep.kind === 'local' && local.has(instanceId)) return true;
    if (ep.load?.busyModels.includes(modelKey)) return true;
    return ep.models.some((m) =>
      m.loadedInstances.some((i) => i.instanceId === instanceId && i.status === 'generating'),
    );
  };
}

/** What a choice would wait for: its own instance, or for a load, every busy instance on that machine (a load could evict it). */
function blockers(choice: RouteChoice, state: RoutingState, busy: BusyCheck): string[] {
  if (!choice.needsLoad)
    return choice.instanceId !== null && busy(choice.endpointId, choice.instanceId, choice.modelKey)
      ? [choice.instanceId]
      : [];
  const ep = state.endpoints.find((e) => e.id === choice.endpointId);
  return (ep?.models ?? []).flatMap((m) =>
    m.loadedInstances.filter((i) => busy(choice.endpointId, i.instanceId, m.key)).map((i) => i.instanceId),
  );
}

/** Runners-up the routed chat may fall back to: loaded, not in the cloud, free (a fallback never loads over a busy model). */
function safeRunnersUp(decision: RouteDecision, busy: BusyCheck): RouteChoice[] {
  return decision.runnersUp.filter(
    (c) =>
      !c.needsLoad &&
      c.endpointKind !== 'cloud' &&
      !(c.instanceId !== null && busy(c.endpointId, c.instanceId, c.modelKey)),
  );
}

/** Judge one decision. An unreachable LM Studio is a fault (thrown), not a decline. */
export function judgeDecision(decision: RouteDecision, snapshot: RoutingSnapshot, options: JudgeOptions): Verdict {
  const parts = decision.reasonParts;
  const choice = decision.choice;
  if (!choice) {
    if (parts.kind === 'none' && parts.why === 'unreachable')
      throw new DelegationError(
        'unavailable',
        `Loadout cannot ask a local model: ${decision.reason} This is not about the task; tell the user, and do the work yourself meanwhile.`,
      );
    return { kind: 'decline', reason: declineReasons.nothingFits(decision.reason) };
  }
  if (parts.kind === 'override') {
    if (parts.state === 'not-in-catalog') return { kind: 'decline', reason: declineReasons.notInCatalog(parts.model) };
    if (parts.state === 'excluded') return { kind: 'decline', reason: declineReasons.nothingFits(decision.reason) };
    if (choice.needsLoad && !options.allowJitLoad)
      return { kind: 'decline', reason: declineReasons.notLoaded(parts.model) };
  }
  if (choice.endpointKind === 'cloud') {
    if (parts.kind === 'doubt-cloud' && parts.localModel !== null)
      return { kind: 'decline', reason: declineReasons.doubt(decision.confidence, parts.localModel, options.taskName) };
    return { kind: 'decline', reason: declineReasons.nothingFits(decision.reason) };
  }
  if (parts.kind !== 'override' && decision.confidence < options.minConfidence) {
    return {
      kind: 'decline',
      reason: declineReasons.lowConfidence(
        decision.confidence,
        options.minConfidence,
        choice.modelKey,
        options.taskName,
      ),
    };
  }
  const busy = busyCheck(snapshot.state);
  const safe = { ...decision, runnersUp: safeRunnersUp(decision, busy) };
  const waitsFor = blockers(choice, snapshot.state, busy);
  return waitsFor.length ? { kind: 'busy', models: waitsFor, decision: safe } : { kind: 'go', decision: safe };
}

/** Once the wait is over: a free, loaded runner-up of the same decision (the caller's own pick is never swapped), else null. */
export function freeAlternative(decision: RouteDecision): RouteDecision | null {
  if (decision.choice?.source === 'override' || decision.choice?.source === 'prompt-mention') return null;
  const [alt, ...rest] = decision.runnersUp;
  return alt ? { ...decision, choice: alt, runnersUp: rest } : null;
}

/** The models that can read images, on machines that answer (never the cloud one). */
export function visionModels(state: RoutingState): string[] {
  return state.endpoints
    .filter((e) => e.reachable && e.kind !== 'cloud')
    .flatMap((e) => e.models.filter((m) => modelTraits(m).vision).map((m) => m.key));
}
