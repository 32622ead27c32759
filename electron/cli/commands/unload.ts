/**
 * `loadout unload --all | INSTANCE_ID [--include-pinned] [--force] [--json] [--standalone] [--lmstudio URL]`:
 * unload models. `--all` spares pinned models unless `--include-pinned`. A generating model is waited for
 * (lmstudio.busyWaitSeconds), then refused unless `--force`. Works through the running Loadout, if one runs.
 */
import { type CliCommand, UsageError } from '../command';
import { checkMachineFlags, MACHINE_OPTION, withMachineTarget } from '../attach/machine-target';
import { attachUnlessStandalone, STANDALONE_OPTION } from '../attach/running-core';
import { unloadThrough } from '../attach/unload-through';
import { LMSTUDIO_OPTION, openCliCore } from '../open-cli-core';
import { parseCommandArgs } from '../parse-args';
import { cliMessage, cliResult, jsonPlan, printProgress } from '../preset-outcome-output';

const USAGE =
  'unload --all | INSTANCE_ID [--include-pinned] [--force] [--json] [--machine NAME] [--standalone] [--lmstudio URL]';

export const unloadCommand: CliCommand = {
  name: 'unload',
  summary: 'Unload one loaded instance, or all of them (pinned ones spared unless --include-pinned).',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        all: { type: 'boolean' },
        'include-pinned': { type: 'boolean' },
        force: { type: 'boolean' },
        json: { type: 'boolean' },
        ...STANDALONE_OPTION,
        ...LMSTUDIO_OPTION,
        ...MACHINE_OPTION,
      },
      USAGE,
      true,
    );
    checkMachineFlags(values, USAGE);
    if (values.all && positionals.length)
      throw new UsageError('give either --all or one instance id, not both.', USAGE);
    if (!values.all && positionals.length !== 1)
      throw new UsageError('which instance? Give its id (see `loadout models`) or --all.', USAGE);
    if (values['include-pinned'] && !values.all) throw new UsageError('--include-pinned goes with --all.', USAGE);
    const target = values.all
      ? { all: true as const, includePinned: values['include-pinned'] }
      : { instanceId: positionals[0]! };
    const through = { target, force: values.force, json: values.json };
    if (values.machine !== undefined)
      return withMachineTarget(
        io,
        values.machine,
        'unload',
        (agent) => unloadThrough(agent, io, through),
        values.json ? (message) => ({ plan: [], result: 'failed', message }) : undefined,
      );
    const attached = await attachUnlessStandalone(io, values);
    if (attached) {
      try {
        return await unloadThrough(attached, io, through);
      } finally {
        await attached.close();
      }
    }
    const core = openCliCore(io, values.lmstudio);
    try {
      const outcome = await core.presets.unload(target, {
        signal: io.signal,
        force: values.force,
        onProgress: printProgress(io, values.json),
      });
      const result = cliResult(outcome);
      if (values.json)
        io.stdout.write(`${JSON.stringify({ plan: jsonPlan(outcome), result, message: cliMessage(outcome) })}\n`);
      else if (result === 'ok') {
        const unloaded = outcome.plan.filter((s) => s.action === 'unload').map((s) => s.instanceId);
        const kept = outcome.plan.filter((s) => s.action === 'keep').map((s) => s.instanceId);
        io.stdout.write(unloaded.length ? `Unloaded ${unloaded.join(', ')}.\n` : 'Nothing to unload.\n');
        if (kept.length) io.stdout.write(`Kept (pinned): ${kept.join(', ')}.\n`);
      }
      if (result !== 'ok') {
        io.stderr.write(`loadout unload: ${cliMessage(outcome) ?? 'the unload did not complete'}\n`);
        return 1;
      }
      return 0;
    } finally {
      await core.dispose();
    }
  },
};
