/**
 * How `loadout apply ID --dry-run` prints the plan and the fit check, here or on another machine
 * (`--machine`): the same text, JSON and exit codes from the core's own plan or an agent's `presets.plan`.
 */
import type { PresetPlanResult } from '../../shared/contract/presets';
import type { UiLanguage } from '../../shared/i18n/languages';
import { translator } from '../../shared/i18n/translate';
import type { FitNotice } from '../../shared/models/fit-notice';
import { wordFit } from '../../shared/models/fit-notice';
import { formatGiB } from '../../shared/models/memory-fit';
import type { PlanReasonCode, PlanStep } from '../../shared/presets/plan';
import type { GpuOffload } from '../../shared/presets/schema';
import type { CliIo } from './command';

/** What a plan line shows of a step: the core's own step, or the contract's from another machine. */
export interface PlanLineStep {
  action: PlanStep['action'];
  key: string;
  instanceId: string | null;
  sizeBytes?: number | null;
  /** Absent from an older agent's plan: the line then ends at the model. */
  reason?: string;
  reasonCode?: PlanReasonCode;
  load?: { contextLength?: number; gpuOffload?: GpuOffload };
}

/** What a dry run found: would it apply, and why not. */
export interface DryRunOutcome {
  result: 'ok' | 'refused' | 'failed';
  /** The fit verdict and unresolved models in English (the JSON's message), or why the plan failed. */
  message: string | null;
  plan: PlanLineStep[];
  fit: { fits: boolean; notice?: FitNotice } | null;
  unresolved: { message: string }[];
}

/** The plan as text, one step a line, with why, in `language` (model keys and load settings as they are). */
export function planLines(steps: PlanLineStep[], language: UiLanguage = 'en'): string[] {
  const t = translator(language);
  const action = (a: PlanStep['action']) => t(`planReason.action_${a}`);
  const width = Math.max(...(['keep', 'unload', 'load'] as const).map((a) => action(a).length));
  return steps.map((s) => {
    const size = s.sizeBytes ? ` (${formatGiB(s.sizeBytes)})` : '';
    const config = s.load
      ? [
          s.load.contextLength ? `ctx ${s.load.contextLength}` : '',
          s.load.gpuOffload !== undefined ? `gpu ${s.load.gpuOffload}` : '',
        ]
          .filter(Boolean)
          .join(', ')
      : '';
    const reason = s.reasonCode ? t(`planReason.${s.reasonCode}`) : s.reason;
    return `  ${action(s.action).padEnd(width)} ${s.instanceId ?? s.key}${size}${config ? ` [${config}]` : ''}${reason ? ` — ${reason}` : ''}`;
  });
}

/** An agent's `presets.plan` answer as a dry run: it would apply when the set fits and some model of it is downloaded. */
export function dryRunFromPlan(plan: PresetPlanResult): DryRunOutcome {
  const noneResolved = plan.models.length > 0 && plan.models.every((m) => m.key === null);
  return {
    result: plan.fit.fits && !noneResolved ? 'ok' : 'refused',
    message: [plan.fit.message, ...plan.unresolved.map((m) => m.message)].join(' '),
    plan: plan.plan.map((s) => ({
      action: s.action,
      key: s.key,
      instanceId: s.instanceId,
      sizeBytes: s.sizeBytes,
      reason: s.reason,
      reasonCode: s.reasonCode,
      load:
        s.action === 'load' && (s.contextLength !== undefined || s.gpuOffload !== undefined)
          ? { contextLength: s.contextLength, gpuOffload: s.gpuOffload }
          : undefined,
    })),
    fit: plan.fit,
    unresolved: plan.unresolved,
  };
}

/** Print a dry run for preset `id`; resolves to the exit code (0 would apply, 1 refused or failed). */
export function printDryRun(
  io: CliIo,
  id: string,
  outcome: DryRunOutcome,
  language: UiLanguage,
  json: boolean | undefined,
): number {
  const t = translator(language);
  // The fit verdict a person reads is worded in the CLI's language; --json keeps the English for scripts.
  const fitWords = outcome.fit?.notice ? wordFit(outcome.fit.notice, t, language, false) : null;
  const human = fitWords === null ? outcome.message : [fitWords, ...outcome.unresolved.map((m) => m.message)].join(' ');
  if (json) {
    const plan = outcome.plan.map((s) => ({ action: s.action, key: s.key, instanceId: s.instanceId }));
    io.stdout.write(`${JSON.stringify({ preset: id, plan, result: outcome.result, message: outcome.message })}\n`);
  } else {
    io.stdout.write(
      `${t('planReason.dryRunTitle', { id })}\n${planLines(outcome.plan, language).join('\n') || `  ${t('planReason.nothingToDo')}`}\n`,
    );
    if (human) io.stdout.write(`${human}\n`);
  }
  if (outcome.result === 'ok') return 0;
  const why = fitWords !== null && !json ? human : outcome.message;
  io.stderr.write(`loadout apply: ${why ?? 'the switch did not complete'}\n`);
  return 1;
}
