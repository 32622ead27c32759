/**
 * How `loadout apply` and `loadout unload` print a preset switch: progress lines while it runs, the
 * plan as JSON, the message (naming --force where that helps) and the exit status.
 */
import type { PresetProgress } from '../../shared/contract/presets';
import { formatGiB } from '../../shared/models/memory-fit';
import type { PlanStep } from '../../shared/presets/plan';
import { busyRefusal } from '../core/api/presets-mapping';
import type { ApplyOutcome } from '../core/presets/presets-service';
import type { CliIo } from './command';

/** One human progress line: "[2/3] load qwen2.5-7b-instruct (4.4 GiB) · 1.2 s". */
export function progressLine(p: PresetProgress): string | null {
  const elapsed = `${(p.elapsedMs / 1000).toFixed(1)} s`;
  // The event saying the preset's first model answers (step events have no message).
  if (p.phase === 'loading' && p.usableAfterMs !== undefined && p.message !== null)
    return `ready: ${p.key ?? 'the first model'} answers · ${(p.usableAfterMs / 1000).toFixed(1)} s`;
  if (p.phase === 'loading' || p.phase === 'unloading') {
    const size = p.sizeBytes ? ` (${formatGiB(p.sizeBytes)})` : '';
    return `[${p.step}/${p.total}] ${p.phase === 'loading' ? 'load' : 'unload'} ${p.key ?? ''}${size} · ${elapsed}`;
  }
  if (p.phase === 'waiting') return `… ${p.message ?? 'waiting'} · ${elapsed}`;
  if (p.phase === 'done')
    return p.usableAfterMs === undefined
      ? `done in ${elapsed}`
      : `done in ${elapsed} (usable after ${(p.usableAfterMs / 1000).toFixed(1)} s)`;
  return null;
}

/** An onProgress that prints each progress line to stdout; nothing under `--json`, whose stdout is the JSON alone. */
export function printProgress(io: CliIo, json: boolean | undefined): (p: PresetProgress) => void {
  return (p) => {
    const line = json ? null : progressLine(p);
    if (line) io.stdout.write(`${line}\n`);
  };
}

/** The result as the CLI reports it: a cancelled switch did not complete, so it counts as failed. */
export function cliResult(outcome: ApplyOutcome): 'ok' | 'refused' | 'failed' {
  return outcome.result === 'cancelled' ? 'failed' : outcome.result;
}

/** The outcome's message as the CLI words it: a refusal for generating models names the `--force` flag (the app offers a button instead). */
export function cliMessage(outcome: ApplyOutcome): string | null {
  return busyRefusal(outcome).length ? forceHint(outcome.message) : outcome.message;
}

/** A refusal for generating models, worded for the CLI: it names the `--force` flag. */
export function forceHint(message: string | null | undefined): string {
  return `${message ?? 'A model is still generating.'} Pass --force to unload anyway.`;
}

/** The plan steps as the JSON output shows them; loads carry the instance id LM Studio gave them once run. */
export function jsonPlan(
  outcome: ApplyOutcome,
): { action: PlanStep['action']; key: string; instanceId: string | null }[] {
  const completedLoads = (outcome.execution?.completed ?? []).filter((s) => s.action === 'load');
  return outcome.plan.map((s) => {
    if (s.action !== 'load') return { action: s.action, key: s.key, instanceId: s.instanceId };
    const at = completedLoads.findIndex((c) => c.key === s.key);
    const done = at >= 0 ? completedLoads.splice(at, 1)[0]! : null;
    return { action: s.action, key: s.key, instanceId: done?.instanceId ?? s.instanceId };
  });
}
