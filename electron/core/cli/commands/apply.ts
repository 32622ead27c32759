/**
 * `loadout apply ID [--dry-run] [--json] [--force] [--lmstudio URL]`: switch LM Studio to a preset.
 * Memory is checked before anything is unloaded; `--dry-run` prints the plan and calls nothing that
 * changes state. Exit 0 applied (or would apply), 1 refused or failed, 2 usage.
 * `--json` prints exactly `{"preset","plan":[{"action","key","instanceId"}],"result","message"}`.
 */
import type { PresetProgress } from '../../../../shared/contract/presets';
import { formatGiB } from '../../../../shared/models/memory-fit';
import type { PlanStep } from '../../../../shared/presets/plan';
import { createAppCore, type AppCore } from '../../app-core';
import { busyRefusal, type ApplyOutcome } from '../../presets/presets-service';
import { type CliCommand, type CliIo, UsageError } from '../command';
import { parseCommandArgs } from '../parse-args';

const USAGE = 'apply ID [--dry-run] [--json] [--force] [--lmstudio URL]';

/** Build the core for a CLI command that talks to LM Studio (`--lmstudio URL` wins over env and settings). */
export function openCliCore(io: CliIo, lmstudioUrl: string | undefined): AppCore {
  if (lmstudioUrl !== undefined && !/^https?:\/\/[^\s/]+/i.test(lmstudioUrl)) {
    throw new UsageError(`--lmstudio needs an http(s) URL such as http://127.0.0.1:1234, got "${lmstudioUrl}".`);
  }
  return createAppCore({ env: io.env, lmstudioUrl });
}

/** One human progress line: "[2/3] load qwen2.5-7b-instruct (4.4 GiB) · 1.2 s". */
export function progressLine(p: PresetProgress): string | null {
  const elapsed = `${(p.elapsedMs / 1000).toFixed(1)} s`;
  if (p.phase === 'loading' || p.phase === 'unloading') {
    const size = p.sizeBytes ? ` (${formatGiB(p.sizeBytes)})` : '';
    return `[${p.step}/${p.total}] ${p.phase === 'loading' ? 'load' : 'unload'} ${p.key ?? ''}${size} · ${elapsed}`;
  }
  if (p.phase === 'waiting') return `… ${p.message ?? 'waiting'} · ${elapsed}`;
  if (p.phase === 'done') return `done in ${elapsed}`;
  return null;
}

/** The outcome's message as the CLI words it: a refusal for generating models names the `--force` flag (the app offers a button instead). */
export function cliMessage(outcome: ApplyOutcome): string | null {
  if (!busyRefusal(outcome).length) return outcome.message;
  return `${outcome.message ?? 'A model is still generating.'} Pass --force to unload anyway.`;
}

/** The plan steps as the JSON output shows them; loads carry the instance id LM Studio gave them once run. */
export function jsonPlan(outcome: ApplyOutcome): { action: PlanStep['action']; key: string; instanceId: string | null }[] {
  const completedLoads = (outcome.execution?.completed ?? []).filter((s) => s.action === 'load');
  return outcome.plan.map((s) => {
    if (s.action !== 'load') return { action: s.action, key: s.key, instanceId: s.instanceId };
    const at = completedLoads.findIndex((c) => c.key === s.key);
    const done = at >= 0 ? completedLoads.splice(at, 1)[0]! : null;
    return { action: s.action, key: s.key, instanceId: done?.instanceId ?? s.instanceId };
  });
}

/** The plan as text, one step a line, with why. */
export function planLines(steps: PlanStep[]): string[] {
  return steps.map((s) => {
    const size = s.sizeBytes ? ` (${formatGiB(s.sizeBytes)})` : '';
    const config = s.load ? [s.load.contextLength ? `ctx ${s.load.contextLength}` : '', s.load.gpuOffload !== undefined ? `gpu ${s.load.gpuOffload}` : ''].filter(Boolean).join(', ') : '';
    return `  ${s.action.padEnd(6)} ${s.instanceId ?? s.key}${size}${config ? ` [${config}]` : ''} — ${s.reason}`;
  });
}

export const applyCommand: CliCommand = {
  name: 'apply',
  summary: 'Switch LM Studio to a preset: checks memory first, then unloads and loads only what differs.',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, force: { type: 'boolean' }, lmstudio: { type: 'string' } },
      USAGE,
      true,
    );
    if (positionals.length !== 1) throw new UsageError(positionals.length ? `apply takes one preset id, got ${positionals.length}.` : 'Which preset? Give its id (see `loadout presets`).', USAGE);
    const id = positionals[0]!;
    const core = openCliCore(io, values.lmstudio);
    try {
      const known = core.presets.store.list().map((p) => p.id);
      if (!known.includes(id)) {
        const message = `No preset "${id}". Known presets: ${known.join(', ')}.`;
        if (values.json) io.stdout.write(`${JSON.stringify({ preset: id, plan: [], result: 'failed', message })}\n`);
        io.stderr.write(`loadout apply: ${message}\n`);
        return 1;
      }
      let outcome: ApplyOutcome;
      if (values['dry-run']) {
        try {
          const prepared = await core.presets.prepare(id, io.signal);
          const wouldApply = prepared.fit.fits && !(prepared.preset.models.length > 0 && prepared.resolved.models.length === 0);
          const notes = [prepared.fit.message, ...prepared.resolved.missing.map((m) => m.message)].join(' ');
          outcome = { presetId: id, result: wouldApply ? 'ok' : 'refused', message: notes, plan: prepared.plan.steps, fit: prepared.fit, unresolved: prepared.resolved.missing, execution: null };
        } catch (error) {
          outcome = { presetId: id, result: 'failed', message: error instanceof Error ? error.message : String(error), plan: [], fit: null, unresolved: [], execution: null };
        }
      } else {
        if (!values.json) io.stdout.write(`Switching to "${id}"…\n`);
        outcome = await core.presets.apply(id, {
          signal: io.signal,
          force: values.force,
          onProgress: (p) => {
            const line = values.json ? null : progressLine(p);
            if (line) io.stdout.write(`${line}\n`);
          },
        });
      }
      const result = outcome.result === 'cancelled' ? 'failed' : outcome.result;
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ preset: id, plan: jsonPlan(outcome), result, message: cliMessage(outcome) })}\n`);
      } else if (values['dry-run']) {
        io.stdout.write(`Plan for "${id}" (dry run, nothing changed):\n${planLines(outcome.plan).join('\n') || '  (nothing to do)'}\n`);
        if (outcome.message) io.stdout.write(`${outcome.message}\n`);
      } else if (outcome.result === 'ok') {
        const c = { keep: 0, unload: 0, load: 0 };
        for (const s of outcome.plan) c[s.action]++;
        io.stdout.write(`"${id}" is active: kept ${c.keep}, unloaded ${c.unload}, loaded ${c.load}.\n`);
        if (outcome.message) io.stdout.write(`note: ${outcome.message}\n`);
      }
      if (result !== 'ok') {
        io.stderr.write(`loadout apply: ${outcome.result === 'cancelled' ? 'cancelled. ' : ''}${cliMessage(outcome) ?? 'the switch did not complete'}\n`);
        return 1;
      }
      return 0;
    } finally {
      await core.dispose();
    }
  },
};
