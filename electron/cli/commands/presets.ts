/**
 * `loadout presets [--json]` lists the presets, each model as what it loads from LM Studio's catalog
 * beside its selector (the selector alone when LM Studio is not answering; `--json` adds `resolvedModels`, the rows of
 * presets.plan's `models`, or null and `catalogUnavailable` saying why); `loadout presets import FILE [--replace]` imports a JSON
 * file (all or nothing: a bad field names itself and nothing is saved); `loadout presets export ID`
 * prints one preset as JSON (`--output FILE` writes it as UTF-8). Import reads UTF-8 with or without a BOM
 * and UTF-16 with a BOM, as Windows PowerShell 5.1 writes `> file`.
 */
import fs from 'node:fs';
import { translator } from '../../../shared/i18n/translate';
import { localPresetDescription, localPresetName } from '../../../shared/presets/builtin-preset-name';
import { cliLocale } from './energy';
import type { CatalogModel } from '../../../shared/lmstudio/types';
import { formatGiB } from '../../../shared/models/memory-fit';
import { parseFamilyQuery, describeFamilyQuery } from '../../../shared/presets/family-query';
import { parsePresetsJson } from '../../../shared/presets/import-export';
import {
  describeSubstitute,
  resolutionsByEntry,
  resolvePreset,
  type EntryResolution,
} from '../../../shared/presets/resolve';
import { resolvedPresetModels } from '../../../shared/contract/resolved-preset-models';
import type { Preset } from '../../../shared/presets/schema';
import { decodeTextFile } from '../../../shared/text/decode-text-file';
import { readLmStudioState } from '../../core/api/models-state';
import { createAppCore } from '../../core/app-core';
import { PresetNotFoundError } from '../../core/presets/preset-store';
import { type CliCommand, UsageError } from '../command';
import { parseCommandArgs } from '../parse-args';
import { OUTPUT_OPTION, writeDocument } from '../write-output';

const USAGE = 'presets [--json] | presets import FILE [--replace] | presets export ID [--output FILE]';

/**
 * "Qwen2.5 7B Instruct (qwen2.5-7b-instruct, Q4_K_M, 4.4 GiB) ← a ~7B qwen2.5… model (Q4_K_M or smaller); ctx 8192, gpu max":
 * what the model loads here, then what the preset asks for; without a catalog, only the latter.
 */
function describeModel(m: Preset['models'][number], resolution: EntryResolution | null): string {
  const query = parseFamilyQuery(m.key);
  const asked = query ? describeFamilyQuery(query) : m.key;
  const config = [
    m.contextLength ? `ctx ${m.contextLength}` : '',
    m.gpuOffload !== undefined ? `gpu ${m.gpuOffload}` : '',
    m.ttlSeconds ? `ttl ${m.ttlSeconds}s` : '',
  ]
    .filter(Boolean)
    .join(', ');
  let line = asked;
  const model = resolution?.model;
  if (model) {
    const facts = [model.key, model.quantization, model.sizeBytes !== null ? formatGiB(model.sizeBytes) : null]
      .filter(Boolean)
      .join(', ');
    line = `${model.displayName ?? model.key} (${facts})${query ? ` ← ${asked}` : ''}`;
    if (model.substitute) line += ` (${describeSubstitute(m.key, model)})`;
  } else if (resolution) {
    line = `not downloaded ← ${asked}: get it in LM Studio`;
  }
  return config ? `${line}; ${config}` : line;
}

/** Why nothing was imported: which ids exist already (singular or plural), and the two ways on. */
export function clashMessage(ids: string[], file: string): string {
  const names = ids.map((id) => `"${id}"`).join(', ');
  return ids.length === 1
    ? `a preset ${names} already exists; nothing was imported. Add --replace to overwrite it, or change its "id" in ${file} to import it as a new preset.`
    : `presets ${names} already exist; nothing was imported. Add --replace to overwrite them, or change their "id" in ${file} to import them as new presets.`;
}

export const presetsCommand: CliCommand = {
  name: 'presets',
  summary: 'List presets (--json), import a presets JSON file, or export one preset as JSON.',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { json: { type: 'boolean' }, replace: { type: 'boolean' }, ...OUTPUT_OPTION },
      USAGE,
      true,
    );
    const [sub, arg, ...extra] = positionals;
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}".`, USAGE);
    const core = createAppCore({ env: io.env });
    try {
      if (sub === undefined) {
        const list = core.presets.list();
        // The catalog turns selectors into models; without LM Studio the list still prints, selectors only.
        let catalog: CatalogModel[] | null = null;
        let catalogNote: string | null = null;
        try {
          const state = await readLmStudioState(core.lmstudio, list.pinned, io.signal);
          if (state.reachable) catalog = state.catalog;
          else catalogNote = state.message;
        } catch (error) {
          catalogNote = `LM Studio's catalog could not be read: ${error instanceof Error ? error.message : String(error)}.`;
        }
        if (values.json) {
          // Each preset with what its models load here (the shape of presets.plan's `models`); null without a catalog, and why.
          const presets = list.presets.map((p) => ({
            ...p,
            resolvedModels: catalog ? resolvedPresetModels(resolvePreset(p, catalog)) : null,
          }));
          io.stdout.write(`${JSON.stringify({ ...list, presets, catalogUnavailable: catalogNote }, null, 2)}\n`);
          return 0;
        }
        if (catalogNote) io.stdout.write(`(${catalogNote} Models are shown as what each preset asks for.)\n`);
        // Untouched built-ins are named and described in the CLI's language (the one locale source).
        const t = translator(cliLocale(core.settings.get().ui.language, io.env));
        for (const p of list.presets) {
          const active = p.id === list.activePresetId ? ' (active)' : '';
          io.stdout.write(
            `${p.id}${active} — ${localPresetName(p, t)}${p.exclusive ? '' : ' [adds, unloads nothing]'}\n`,
          );
          if (p.description) io.stdout.write(`    ${localPresetDescription(p, t)}\n`);
          const rows = catalog ? resolutionsByEntry(resolvePreset(p, catalog)) : null;
          io.stdout.write(
            p.models.length
              ? p.models.map((m, i) => `    · ${describeModel(m, rows?.[i] ?? null)}\n`).join('')
              : '    · (no models: unloads everything not pinned)\n',
          );
        }
        io.stdout.write(`pinned: ${list.pinned.join(', ') || '(none)'}\n`);
        return 0;
      }
      if (sub === 'import') {
        if (!arg) throw new UsageError('presets import needs the JSON file to read.', USAGE);
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(arg);
        } catch (error) {
          io.stderr.write(
            `loadout presets: cannot read ${arg}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.\n`,
          );
          return 1;
        }
        const decoded = decodeTextFile(bytes);
        if (!decoded.ok) {
          io.stderr.write(`loadout presets: ${arg} was not imported (nothing changed): ${decoded.reason}\n`);
          return 1;
        }
        const text = decoded.text;
        const parsed = parsePresetsJson(text);
        if (!parsed.ok) {
          io.stderr.write(
            `loadout presets: ${arg} was not imported (nothing changed):\n${parsed.errors.map((e) => `  ${e}\n`).join('')}`,
          );
          return 1;
        }
        const existing = new Set(core.presets.list().presets.map((p) => p.id));
        const clashes = parsed.presets.filter((p) => existing.has(p.id)).map((p) => p.id);
        if (clashes.length && !values.replace) {
          io.stderr.write(`loadout presets: ${clashMessage(clashes, arg)}\n`);
          return 1;
        }
        const { imported } = core.presets.import(text, values.replace ?? false);
        io.stdout.write(`Imported ${imported.length} preset(s): ${imported.map((p) => p.id).join(', ')}.\n`);
        return 0;
      }
      if (sub === 'export') {
        if (!arg) throw new UsageError('presets export needs a preset id.', USAGE);
        try {
          return writeDocument(io, 'presets', core.presets.store.exportOne(arg), values.output) ? 0 : 1;
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
