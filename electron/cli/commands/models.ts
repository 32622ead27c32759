/**
 * `loadout models [--json] [--lmstudio URL]`: what LM Studio has downloaded and loaded, the API level
 * in use and what it cannot do. Exit 1 when LM Studio cannot be reached (with how to fix it).
 */
import { formatGiB } from '../../../shared/models/memory-fit';
import { readLmStudioState } from '../../core/api/models-state';
import type { CliCommand } from '../command';
import { LMSTUDIO_OPTION, openCliCore } from '../open-cli-core';
import { parseCommandArgs } from '../parse-args';

const USAGE = 'models [--json] [--lmstudio URL]';

export const modelsCommand: CliCommand = {
  name: 'models',
  summary: "LM Studio's downloaded and loaded models, and the API level in use (--json for scripts).",
  usage: USAGE,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean' }, ...LMSTUDIO_OPTION }, USAGE);
    const core = openCliCore(io, values.lmstudio);
    try {
      let state;
      try {
        state = await readLmStudioState(core.lmstudio, core.presets.store.pinned(), io.signal);
      } catch (error) {
        io.stderr.write(`loadout models: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
      }
      const { capabilities, ...json } = state;
      if (values.json) io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      if (!state.reachable) {
        io.stderr.write(`loadout models: ${state.message}\n`);
        return 1;
      }
      if (values.json) return 0;
      io.stdout.write(`${capabilities?.summary ?? state.apiLevel}\n`);
      for (const limitation of capabilities?.limitations ?? []) io.stdout.write(`  ! ${limitation}\n`);
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
    } finally {
      await core.dispose();
    }
  },
};
