/** How a routing decision reads in the CLI: one reason line, the task, runners-up, and (--explain) every score. */
import type { UiLanguage } from '../../../shared/i18n/languages';
import { translator } from '../../../shared/i18n/translate';
import { formatReason, TASK_NAME } from '../../../shared/routing/reason-text';
import type { CandidateScore, RouteChoice, RouteDecision } from '../../../shared/routing/types';

const where = (c: Pick<RouteChoice, 'endpointKind' | 'endpointId' | 'machine'>, cloud: string) =>
  c.endpointKind === 'cloud'
    ? ` ☁ ${cloud}`
    : c.endpointKind === 'remote'
      ? ` @ ${c.machine ?? c.endpointId.replace(/^remote:/, '')}`
      : '';

/**
 * The decision as a few human lines in `language` (the CLI's, from the one locale source). The detector's
 * signals are English diagnostics, so only the English table lists them; `--json` always carries them.
 */
export function formatDecision(d: RouteDecision, language: UiLanguage = 'en'): string {
  const tr = translator(language);
  const t = d.task;
  const confidence = d.confidence.toLocaleString(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const signals = language === 'en' && t.signals.length ? ` · ${t.signals.join(', ')}` : '';
  const lines = [
    formatReason(d.reasonParts, language),
    tr('routeTable.task', {
      kind: TASK_NAME[language][t.kind],
      language: t.language === 'unknown' ? tr('routeTable.languageUnknown') : t.language,
      tokens: t.promptTokens,
      budget: t.answerBudget,
      confidence,
      signals,
    }),
  ];
  if (d.runnersUp.length)
    lines.push(
      tr('routeTable.runnersUp', {
        list: d.runnersUp.map((r) => `${r.modelKey}${where(r, tr('routeTable.cloud'))} (${r.score})`).join(', '),
      }),
    );
  return `${lines.join('\n')}\n`;
}

function partsText(s: CandidateScore): string {
  return Object.entries(s.parts)
    .map(([k, v]) => `${k} ${v >= 0 ? '+' : ''}${Math.round(v * 10) / 10}`)
    .join(' ');
}

/** Every candidate: score and its parts, or why it was left out. */
export function formatScores(d: RouteDecision): string {
  const width = Math.min(
    48,
    Math.max(
      10,
      ...d.scores.map(
        (s) => s.modelKey.length + (s.instanceId && s.instanceId !== s.modelKey ? s.instanceId.length + 3 : 0),
      ),
    ),
  );
  const rows = d.scores.map((s) => {
    const name = (s.instanceId && s.instanceId !== s.modelKey ? `${s.modelKey} [${s.instanceId}]` : s.modelKey).padEnd(
      width,
    );
    const ep =
      s.endpointKind === 'local' ? '' : ` (${s.endpointKind === 'cloud' ? 'cloud' : (s.machine ?? s.endpointId)})`;
    return s.eligible
      ? `  ${name} ${String(s.total).padStart(6)}  ${partsText(s)}${ep}`
      : `  ${name}      –  ${s.excludedBecause}${ep}`;
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
    scores: d.scores.map((s) => ({
      modelKey: s.modelKey,
      instanceId: s.instanceId,
      endpointId: s.endpointId,
      machine: s.machine,
      eligible: s.eligible,
      total: s.total,
      parts: s.parts,
      excludedBecause: s.excludedBecause,
    })),
  };
}
