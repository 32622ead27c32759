/** How a routing decision reads in the CLI: one reason line, the task, runners-up, and (--explain) every score. */
import type { CandidateScore, RouteChoice, RouteDecision } from '../../../shared/routing/types';

const where = (c: Pick<RouteChoice, 'endpointKind' | 'endpointId'>) => (c.endpointKind === 'cloud' ? ' ☁ cloud' : c.endpointKind === 'remote' ? ` @ ${c.endpointId.replace(/^remote:/, '')}` : '');

/** The decision as a few human lines. */
export function formatDecision(d: RouteDecision): string {
  const lines = [d.reason];
  const t = d.task;
  lines.push(`task: ${t.kind} (${t.language}, ~${t.promptTokens} tokens, answer budget ${t.answerBudget}) · confidence ${d.confidence.toFixed(2)}${t.signals.length ? ` · ${t.signals.join(', ')}` : ''}`);
  if (d.runnersUp.length) lines.push(`runners-up: ${d.runnersUp.map((r) => `${r.modelKey}${where(r)} (${r.score})`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function partsText(s: CandidateScore): string {
  return Object.entries(s.parts).map(([k, v]) => `${k} ${v >= 0 ? '+' : ''}${Math.round(v * 10) / 10}`).join(' ');
}

/** Every candidate: score and its parts, or why it was left out. */
export function formatScores(d: RouteDecision): string {
  const width = Math.min(48, Math.max(10, ...d.scores.map((s) => s.modelKey.length + (s.instanceId && s.instanceId !== s.modelKey ? s.instanceId.length + 3 : 0))));
  const rows = d.scores.map((s) => {
    const name = (s.instanceId && s.instanceId !== s.modelKey ? `${s.modelKey} [${s.instanceId}]` : s.modelKey).padEnd(width);
    const ep = s.endpointKind === 'local' ? '' : ` (${s.endpointKind === 'cloud' ? 'cloud' : s.endpointId})`;
    return s.eligible ? `  ${name} ${String(s.total).padStart(6)}  ${partsText(s)}${ep}` : `  ${name}      –  ${s.excludedBecause}${ep}`;
  });
  return `scores:\n${rows.join('\n')}\n`;
}

/** The decision as JSON for `loadout route --json` (no prompt text, only what was decided and why). */
export function decisionToJson(d: RouteDecision, decisionUs: number): Record<string, unknown> {
  return {
    choice: d.choice,
    runnersUp: d.runnersUp,
    reason: d.reason,
    confidence: d.confidence,
    task: d.task,
    decisionUs: Math.round(decisionUs * 10) / 10,
    scores: d.scores.map((s) => ({ modelKey: s.modelKey, instanceId: s.instanceId, endpointId: s.endpointId, eligible: s.eligible, total: s.total, parts: s.parts, excludedBecause: s.excludedBecause })),
  };
}
