/** The router's decision in the quick chat's shape: the choice and runners-up with names, scores and reasons. */
import type { ChatRoute, RouteOption } from '../../../shared/contract/chat';
import { formatNote } from '../../../shared/routing/reason-text';
import type { RouteChoice, RouteDecision, RoutingState } from '../../../shared/routing/types';

/** One candidate as the model chip's popover lists it (its display name from the catalog, its notes from the scores). */
export function toRouteOption(choice: RouteChoice, decision: RouteDecision, state: RoutingState): RouteOption {
  const endpoint = state.endpoints.find((e) => e.id === choice.endpointId);
  const model = endpoint?.models.find((m) => m.key === choice.modelKey);
  const scored = decision.scores.find((s) => s.modelKey === choice.modelKey && s.endpointId === choice.endpointId);
  const notes = scored?.notes ?? [];
  return {
    modelKey: choice.modelKey,
    displayName: model?.displayName || choice.modelKey,
    score: choice.score,
    reason: notes.map((n) => formatNote(n, 'en')).join(', '),
    notes,
    loaded: scored?.loaded ?? choice.instanceId !== null,
    endpointKind: choice.endpointKind,
    endpointLabel: endpoint && endpoint.kind !== 'local' ? endpoint.label : null,
  };
}

/** The whole decision for `chat.route`. */
export function summarizeRoute(decision: RouteDecision, state: RoutingState): ChatRoute {
  return {
    choice: decision.choice ? toRouteOption(decision.choice, decision, state) : null,
    runnersUp: decision.runnersUp.map((c) => toRouteOption(c, decision, state)),
    reason: decision.reason,
    reasonParts: decision.reasonParts,
    task: decision.task.kind,
    confidence: decision.confidence,
  };
}
