/**
 * `loadout apply ID [--dry-run] [--json] [--force] [--lmstudio URL]`: switch LM Studio to a preset.
 * Memory is checked before anything is unloaded; `--dry-run` prints the plan and calls nothing that
 * changes state. Exit 0 applied (or would apply), 1 refused or failed, 2 usage.
 * `--json` prints exactly `{"preset","plan":[{"action","key","instanceId"}],"result","message"}`.
 */
import { translator } from '../../../shared/i18n/translate';
import { wordFit } from '../../../shared/models/fit-notice';
import type { ApplyOutcome } from '../../core/presets/presets-service';
import { type CliCommand, UsageError } from '../command';
import { applyThrough } from '../attach/apply-through';
import { dryRunThrough } from '../attach/dry-run-through';
import { printDryRun, type DryRunOutcome } from '../dry-run-output';
import { checkMachineFlags, MACHINE_OPTION, withMachineTarget } from '../attach/machine-target';
import { attachUnlessStandalone, STANDALONE_OPTION } from '../attach/running-core';
import { resolveDataDir } from '../../core/paths';
import { SettingsStore } from '../../core/settings/settings-store';
import { LMSTUDIO_OPTION, openCliCore } from '../open-cli-core';
import { parseCommandArgs } from '../parse-args';
import { cliLocale } from './energy';
import { cliMessage, cliResult, jsonPlan, printProgress } from '../preset-outcome-output';

const USAGE = 'apply ID [--dry-run] [--json] [--force] [--machine NAME] [--standalone] [--lmstudio URL]';

// The plan's text lives with the dry run's printer, which the --machine path shares.
export { planLines } from '../dry-run-output';

export const applyCommand: CliCommand = {
  name: 'apply',
  summary: 'Switch LM Studio to a preset: checks memory first, then unloads and loads only what differs.',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        force: { type: 'boolean' },
        ...STANDALONE_OPTION,
        ...LMSTUDIO_OPTION,
        ...MACHINE_OPTION,
      },
      USAGE,
      true,
    );
    checkMachineFlags(values, USAGE);
    if (positionals.length !== 1)
      throw new UsageError(
        positionals.length
          ? `apply takes one preset id, got ${positionals.length}.`
          : 'Which preset? Give its id (see `loadout presets`).',
        USAGE,
      );
    const id = positionals[0]!;
    if (values.machine !== undefined) {
      const machine = values.machine;
      const uiLanguage = new SettingsStore({ dataDir: resolveDataDir(io.env) }).get().ui.language;
      return withMachineTarget(
        io,
        machine,
        'apply',
        (target) =>
          values['dry-run']
            ? dryRunThrough(target, io, { id, json: values.json, uiLanguage })
            : applyThrough(target, io, { id, json: values.json, force: values.force, machine, uiLanguage }),
        values.json ? (message) => ({ preset: id, plan: [], result: 'failed', message }) : undefined,
      );
    }
    // A dry run changes nothing, so it plans here; a switch goes through the running Loadout, if one runs.
    const attached = values['dry-run'] ? null : await attachUnlessStandalone(io, values);
    if (attached) {
      try {
        return await applyThrough(attached, io, { id, json: values.json, force: values.force });
      } finally {
        await attached.close();
      }
    }
    const core = openCliCore(io, values.lmstudio);
    try {
      const known = core.presets.store.list().map((p) => p.id);
      if (!known.includes(id)) {
        const message = `No preset "${id}". Known presets: ${known.join(', ')}.`;
        if (values.json) io.stdout.write(`${JSON.stringify({ preset: id, plan: [], result: 'failed', message })}\n`);
        io.stderr.write(`loadout apply: ${message}\n`);
        return 1;
      }
      // The fit verdict a person reads is worded in the CLI's language (the one locale source); --json keeps the English for scripts.
      const language = cliLocale(core.settings.get().ui.language, io.env);
      if (values['dry-run']) {
        let dry: DryRunOutcome;
        try {
          const prepared = await core.presets.prepare(id, io.signal);
          const wouldApply =
            prepared.fit.fits && !(prepared.preset.models.length > 0 && prepared.resolved.models.length === 0);
          const notes = [prepared.fit.message, ...prepared.resolved.missing.map((m) => m.message)].join(' ');
          dry = {
            result: wouldApply ? 'ok' : 'refused',
            message: notes,
            plan: prepared.plan.steps,
            fit: prepared.fit,
            unresolved: prepared.resolved.missing,
          };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          dry = { result: 'failed', message, plan: [], fit: null, unresolved: [] };
        }
        return printDryRun(io, id, dry, language, values.json);
      }
      if (!values.json) io.stdout.write(`Switching to "${id}"…\n`);
      const outcome: ApplyOutcome = await core.presets.apply(id, {
        signal: io.signal,
        force: values.force,
        onProgress: printProgress(io, values.json),
      });
      const result = cliResult(outcome);
      const fitWords =
        outcome.fit && outcome.result === 'refused' && !outcome.fit.fits
          ? wordFit(outcome.fit.notice, translator(language), language, true)
          : null;
      const human =
        fitWords === null ? outcome.message : [fitWords, ...outcome.unresolved.map((m) => m.message)].join(' ');
      if (values.json) {
        io.stdout.write(
          `${JSON.stringify({ preset: id, plan: jsonPlan(outcome), result, message: cliMessage(outcome) })}\n`,
        );
      } else if (outcome.result === 'ok') {
        const c = { keep: 0, unload: 0, load: 0 };
        for (const s of outcome.plan) c[s.action]++;
        io.stdout.write(`"${id}" is active: kept ${c.keep}, unloaded ${c.unload}, loaded ${c.load}.\n`);
        if (outcome.message) io.stdout.write(`note: ${outcome.message}\n`);
      }
      if (result !== 'ok') {
        const why = fitWords !== null && !values.json ? human : cliMessage(outcome);
        io.stderr.write(
          `loadout apply: ${outcome.result === 'cancelled' ? 'cancelled. ' : ''}${why ?? 'the switch did not complete'}\n`,
        );
        return 1;
      }
      return 0;
    } finally {
      await core.dispose();
    }
  },
};
