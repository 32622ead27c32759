/**
 * `loadout models [--json] [--lmstudio URL] [--machine NAME]`: what LM Studio has downloaded and loaded,
 * the API level in use and what it cannot do. Exit 1 when LM Studio cannot be reached (with how to fix it).
 * `--machine NAME` reads another machine: its agent's `models.list`, or its LM Studio REST API when it
 * runs LM Studio only.
 */
import type { ModelsState } from '../../../shared/contract/models';
import { formatGiB } from '../../../shared/models/memory-fit';
import { readLmStudioState } from '../../core/api/models-state';
import { createLmStudioClient } from '../../core/lmstudio/client';
import type { LmStudioCapabilities } from '../../core/lmstudio/client-types';
import { machineToken } from '../../core/routing/settings-endpoints';
import type { CliCommand, CliIo } from '../command';
import {
  checkMachineFlags,
  findMachine,
  MACHINE_OPTION,
  MachineTargetError,
  withMachineTarget,
} from '../attach/machine-target';
import { LMSTUDIO_OPTION, openCliCore } from '../open-cli-core';
import { parseCommandArgs } from '../parse-args';

const USAGE = 'models [--json] [--lmstudio URL] [--machine NAME]';

type State = ModelsState & { capabilities?: LmStudioCapabilities | null };

/** Print the state as text or JSON; resolves to the exit code (1 when LM Studio is unreachable). */
function printModels(io: CliIo, state: State, json: boolean | undefined): number {
  const { capabilities, ...rest } = state;
  if (json) io.stdout.write(`${JSON.stringify(rest, null, 2)}\n`);
  if (!state.reachable) {
    io.stderr.write(`loadout models: ${state.message}\n`);
    return 1;
  }
  if (json) return 0;
  io.stdout.write(`${capabilities?.summary ?? state.apiLevel}\n`);
  // Another machine's agent sends its limitations joined in `message`, not the capabilities.
  const limitations = capabilities ? capabilities.limitations : state.message ? [state.message] : [];
  for (const limitation of limitations) io.stdout.write(`  ! ${limitation}\n`);
  io.stdout.write(`\nDownloaded (${state.catalog.length}):\n`);
  const width = Math.max(...state.catalog.map((m) => m.key.length), 3);
  for (const m of state.catalog) {
    const loaded = m.loadedInstances.length ? `  loaded ×${m.loadedInstances.length}` : '';
    io.stdout.write(
      `  ${m.key.padEnd(width)}  ${(m.paramsString ?? '?').padEnd(7)} ${(m.quantization ?? '?').padEnd(7)} ${m.sizeBytes ? formatGiB(m.sizeBytes).padStart(9) : '        ?'}  ${m.type}${loaded}\n`,
    );
  }
  io.stdout.write(`\nLoaded (${state.loaded.length}):\n`);
  for (const i of state.loaded) {
    const parts = [
      i.contextLength ? `ctx ${i.contextLength}` : null,
      i.gpuOffload !== null ? `gpu ${i.gpuOffload}` : null,
      i.status,
      i.pinned ? 'pinned' : null,
    ].filter(Boolean);
    io.stdout.write(`  ${i.instanceId}${parts.length ? `  (${parts.join(', ')})` : ''}\n`);
  }
  if (!state.loaded.length) io.stdout.write('  (none)\n');
  return 0;
}

/** `models --machine NAME`: the agent's models.list, or the LM Studio REST API of an LM Studio-only machine. */
async function machineModels(io: CliIo, name: string, json: boolean | undefined): Promise<number> {
  let machine;
  try {
    machine = findMachine(io, name);
  } catch (error) {
    if (!(error instanceof MachineTargetError)) throw error;
    io.stderr.write(`loadout models: ${error.message}\n`);
    return 1;
  }
  if (machine.kind === 'lmstudio-only') {
    const client = createLmStudioClient({
      baseUrl: machine.url,
      baseUrlLabel: `the machine "${machine.name}"`,
      env: {},
      getToken: () => machineToken(machine, io.env),
    });
    try {
      // Pins are Loadout settings: an LM Studio-only machine has none.
      return printModels(io, await readLmStudioState(client, [], io.signal), json);
    } catch (error) {
      io.stderr.write(`loadout models: "${name}": ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  }
  return withMachineTarget(io, name, 'models', async ({ client }) => {
    const answer = await client.call('models.list', undefined);
    if (answer.ok) return printModels(io, answer.result, json);
    io.stderr.write(`loadout models: ${answer.error.message}\n`);
    return 1;
  });
}

export const modelsCommand: CliCommand = {
  name: 'models',
  summary: "LM Studio's downloaded and loaded models, and the API level in use (--json for scripts).",
  usage: USAGE,
  async run(args, io) {
    const { values } = parseCommandArgs(
      args,
      { json: { type: 'boolean' }, ...LMSTUDIO_OPTION, ...MACHINE_OPTION },
      USAGE,
    );
    checkMachineFlags(values, USAGE);
    if (values.machine !== undefined) return machineModels(io, values.machine, values.json);
    const core = openCliCore(io, values.lmstudio);
    try {
      let state;
      try {
        state = await readLmStudioState(core.lmstudio, core.presets.store.pinned(), io.signal);
      } catch (error) {
        io.stderr.write(`loadout models: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
      }
      return printModels(io, state, values.json);
    } finally {
      await core.dispose();
    }
  },
};
