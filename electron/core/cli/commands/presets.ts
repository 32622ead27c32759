/**
 * `loadout presets [--json]` lists the presets; `loadout presets import FILE [--replace]` imports a JSON
 * file (all or nothing: a bad field names itself and nothing is saved); `loadout presets export ID`
 * prints one preset as JSON.
 */
import fs from 'node:fs';
import { parseFamilyQuery, describeFamilyQuery } from '../../../../shared/presets/family-query';
import { parsePresetsJson } from '../../../../shared/presets/import-export';
import type { Preset } from '../../../../shared/presets/schema';
import { createAppCore } from '../../app-core';
import { PresetNotFoundError } from '../../presets/preset-store';
import { type CliCommand, UsageError } from '../command';
import { parseCommandArgs } from '../parse-args';

const USAGE = 'presets [--json] | presets import FILE [--replace] | presets export ID';

/** "qwen2.5-7b-instruct (ctx 8192, gpu off)" or, for a family query, what it looks for. */
function describeModel(m: Preset['models'][number]): string {
  const query = parseFamilyQuery(m.key);
  const what = query ? describeFamilyQuery(query) : m.key;
  const config = [m.contextLength ? `ctx ${m.contextLength}` : '', m.gpuOffload !== undefined ? `gpu ${m.gpuOffload}` : '', m.ttlSeconds ? `ttl ${m.ttlSeconds}s` : ''].filter(Boolean).join(', ');
  return config ? `${what} (${config})` : what;
}

export const presetsCommand: CliCommand = {
  name: 'presets',
  summary: 'List presets (--json), import a presets JSON file, or export one preset as JSON.',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, replace: { type: 'boolean' } }, USAGE, true);
    const [sub, arg, ...extra] = positionals;
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}".`, USAGE);
    const core = createAppCore({ env: io.env });
    try {
      if (sub === undefined) {
        const list = core.presets.list();
        if (values.json) {
          io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          return 0;
        }
        for (const p of list.presets) {
          const active = p.id === list.activePresetId ? ' (active)' : '';
          io.stdout.write(`${p.id}${active} — ${p.name}${p.exclusive ? '' : ' [adds, unloads nothing]'}\n`);
          if (p.description) io.stdout.write(`    ${p.description}\n`);
          io.stdout.write(p.models.length ? p.models.map((m) => `    · ${describeModel(m)}\n`).join('') : '    · (no models: unloads everything not pinned)\n');
        }
        io.stdout.write(`pinned: ${list.pinned.join(', ') || '(none)'}\n`);
        return 0;
      }
      if (sub === 'import') {
        if (!arg) throw new UsageError('presets import needs the JSON file to read.', USAGE);
        let text: string;
        try {
          text = fs.readFileSync(arg, 'utf8');
        } catch (error) {
          io.stderr.write(`loadout presets: cannot read ${arg}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.\n`);
          return 1;
        }
        const parsed = parsePresetsJson(text);
        if (!parsed.ok) {
          io.stderr.write(`loadout presets: ${arg} was not imported (nothing changed):\n${parsed.errors.map((e) => `  ${e}\n`).join('')}`);
          return 1;
        }
        const existing = new Set(core.presets.list().presets.map((p) => p.id));
        const clashes = parsed.presets.filter((p) => existing.has(p.id)).map((p) => p.id);
        if (clashes.length && !values.replace) {
          io.stderr.write(`loadout presets: ${clashes.map((c) => `"${c}"`).join(', ')} already exist; nothing was imported. Add --replace to overwrite them.\n`);
          return 1;
        }
        const { imported } = core.presets.import(text, values.replace ?? false);
        io.stdout.write(`Imported ${imported.length} preset(s): ${imported.map((p) => p.id).join(', ')}.\n`);
        return 0;
      }
      if (sub === 'export') {
        if (!arg) throw new UsageError('presets export needs a preset id.', USAGE);
        try {
          io.stdout.write(core.presets.store.exportOne(arg));
          return 0;
        } catch (error) {
          if (error instanceof PresetNotFoundError) {
            io.stderr.write(`loadout presets: ${error.message}\n`);
            return 1;
          }
          throw error;
        }
      }
      throw new UsageError(`unknown sub-command "${sub}".`, USAGE);
    } finally {
      await core.dispose();
    }
  },
};
