/**
 * "No model can answer this" as data on a failed chat (ApiError.problem `{ kind: 'no-route', reasonParts }`):
 * the core sends the router's reason parts, and a window words them with `formatReason` in its language
 * instead of showing the English sentence in `message`.
 */
import type { ReasonParts } from './reason-text';

/** The problem a failed chat carries when the router found no model. */
export function noRouteProblem(reasonParts: ReasonParts): { kind: 'no-route'; reasonParts: ReasonParts } {
  return { kind: 'no-route', reasonParts };
}

/** The router's reason parts from an ApiError's `problem`, or null when it is not a no-route problem. */
export function readNoRouteProblem(problem: unknown): ReasonParts | null {
  if (typeof problem !== 'object' || problem === null) return null;
  const { kind, reasonParts } = problem as { kind?: unknown; reasonParts?: unknown };
  if (kind !== 'no-route' || typeof reasonParts !== 'object' || reasonParts === null) return null;
  return typeof (reasonParts as { kind?: unknown }).kind === 'string' ? (reasonParts as ReasonParts) : null;
}
