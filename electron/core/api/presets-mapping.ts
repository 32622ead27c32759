/**
 * The presets service's answers in the contract's shapes (`shared/contract/presets`): a switch's
 * result, a dry run's plan and fit, and the models that stopped a switch by generating.
 */
import type { BusyModel, UnloadResult } from '../../../shared/contract/models';
import type {
  PlanStep as ContractPlanStep,
  PresetPlanResult,
  PresetSwitchResult,
} from '../../../shared/contract/presets';
import type { FitResult } from '../../../shared/models/memory-fit';
import type { PlanStep } from '../../../shared/presets/plan';
import { resolvedPresetModels } from '../../../shared/contract/resolved-preset-models';
import type { ApplyOutcome } from '../presets/preset-switcher';
import type { PreparedSwitch } from '../presets/switch-preparation';

/** The models whose generating stopped this switch or unload (empty unless it was refused for that reason). */
export function busyRefusal(outcome: Pick<ApplyOutcome, 'result' | 'execution'>): BusyModel[] {
  if (outcome.result !== 'refused' || !outcome.execution) return [];
  return outcome.execution.busy.map(({ instanceId, modelKey }) => ({ instanceId, modelKey }));
}

/** Contract plan steps: estimated memory and placement for loads. */
export function toContractSteps(steps: PlanStep[], fit: FitResult | null): ContractPlanStep[] {
  const placements = [...(fit?.placements ?? [])];
  return steps.map((s) => {
    // What the CLI prints for a step on another machine, as it does for its own (`apply --dry-run --machine`).
    const shown = {
      sizeBytes: s.sizeBytes,
      reason: s.reason,
      ...(s.reasonCode ? { reasonCode: s.reasonCode } : {}),
      ...(s.load?.contextLength ? { contextLength: s.load.contextLength } : {}),
      ...(s.load?.gpuOffload !== undefined ? { gpuOffload: s.load.gpuOffload } : {}),
    };
    if (s.action !== 'load')
      return {
        action: s.action,
        key: s.key,
        instanceId: s.instanceId,
        estimatedBytes: s.sizeBytes,
        placement: null,
        ...shown,
      };
    const at = placements.findIndex((p) => p.estimate.key === s.key);
    const p = at >= 0 ? placements.splice(at, 1)[0]! : null;
    const placement = !p ? null : p.ramBytes === 0 ? 'gpu' : p.gpuBytes === 0 ? 'cpu' : 'split';
    return {
      action: s.action,
      key: s.key,
      instanceId: s.instanceId,
      estimatedBytes: p?.estimate.totalBytes ?? s.sizeBytes,
      placement,
      ...shown,
    };
  });
}

/** The contract's `presets.apply` result for an outcome. */
export function toSwitchResult(outcome: ApplyOutcome): PresetSwitchResult {
  const busy = busyRefusal(outcome);
  const fitRefused = outcome.result === 'refused' && outcome.fit && !outcome.fit.fits;
  return {
    presetId: outcome.presetId,
    result: outcome.result,
    plan: toContractSteps(outcome.plan, outcome.fit),
    message: outcome.message,
    ...(busy.length ? { busy } : {}),
    ...(fitRefused ? { fitNotice: outcome.fit!.notice } : {}),
    ...(outcome.notice ? { notice: outcome.notice } : {}),
    ...(typeof outcome.execution?.usableAfterMs === 'number' ? { usableAfterMs: outcome.execution.usableAfterMs } : {}),
  };
}

/**
 * The contract's `models.unload*` result for an unload's outcome: what it unloaded, its plan (pinned
 * instances kept included) and, when refused or failed, why.
 */
export function toUnloadResult(outcome: ApplyOutcome): UnloadResult {
  const plan = outcome.plan.flatMap((s) =>
    s.action === 'load' ? [] : [{ action: s.action, key: s.key, instanceId: s.instanceId }],
  );
  const unloaded = (outcome.execution?.completed ?? []).flatMap((s) =>
    s.action === 'unload' && s.instanceId ? [s.instanceId] : [],
  );
  if (outcome.result === 'ok')
    return { unloaded, result: 'ok', plan, ...(outcome.message ? { message: outcome.message } : {}) };
  const busy = busyRefusal(outcome);
  return {
    unloaded,
    result: outcome.result,
    plan,
    ...(busy.length ? { busy } : {}),
    ...(outcome.notice ? { notice: outcome.notice } : {}),
    message:
      outcome.message ??
      (busy.length ? 'A model is still generating.' : 'LM Studio did not unload the model; see its server log.'),
  };
}

/** The contract's dry-run result (`presets.plan`) for a prepared switch. */
export function toPlanResult(prepared: PreparedSwitch): PresetPlanResult {
  const { fit } = prepared;
  const sum = (pick: (p: FitResult['placements'][number]) => number) => fit.placements.reduce((s, p) => s + pick(p), 0);
  return {
    presetId: prepared.preset.id,
    plan: toContractSteps(prepared.plan.steps, fit),
    fit: {
      fits: fit.fits,
      vramNeededBytes: fit.mode === 'gpu' ? sum((p) => p.gpuBytes) : null,
      vramFreeBytes: fit.vramAvailableBytes,
      ramNeededBytes: sum((p) => p.ramBytes),
      ramFreeBytes: fit.ramAvailableBytes,
      message: fit.message,
      notice: fit.notice,
    },
    unresolved: prepared.resolved.missing.map((m) => ({ key: m.requested, message: m.message })),
    models: resolvedPresetModels(prepared.resolved),
  };
}
