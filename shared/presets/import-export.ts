/**
 * Presets as JSON files: export one preset, import one preset, a list, or `{ "presets": [...] }`.
 * Import validates everything first and names each bad field ("presets[0].models[1].gpuOffload: …"),
 * so a bad file changes nothing.
 */
import type { z } from 'zod';
import type { PresetImportSkip } from './import-skip';
import { PresetSchema, type Preset } from './schema';

export type PresetImportResult = { ok: true; presets: Preset[] } | { ok: false; errors: string[] };

/** Serialize one preset for sharing (no `builtIn` flag: an exported preset imports as the user's own). */
export function exportPresetJson(preset: Preset): string {
  const { builtIn: _builtIn, ...rest } = preset;
  return `${JSON.stringify(rest, null, 2)}\n`;
}

function pathOf(prefix: string, path: PropertyKey[]): string {
  let out = prefix;
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(top level)';
}

function describeIssues(prefix: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${pathOf(prefix, issue.path)}: ${issue.message}`);
}

/** The wrong fields' paths, each once, for a window to name in its own language. */
function issuePaths(prefix: string, error: z.ZodError): string[] {
  return [...new Set(error.issues.map((issue) => pathOf(prefix, issue.path)))];
}

/** Every entry of a presets file, valid or not: what a lenient import (the app) saves and skips. */
export interface PresetEntries {
  presets: Preset[];
  /** Invalid entries with the field that is wrong (English `reason`, coded `problem`); `id` when readable. */
  skipped: PresetImportSkip[];
}

/** Parse presets from JSON text entry by entry; never throws. */
export function parsePresetEntries(text: string): PresetEntries {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      presets: [],
      skipped: [
        {
          id: null,
          reason: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
          problem: { kind: 'not-json' },
        },
      ],
    };
  }
  let list: unknown[];
  let prefix: (i: number) => string;
  if (Array.isArray(raw)) {
    list = raw;
    prefix = (i) => `[${i}]`;
  } else if (raw && typeof raw === 'object' && Array.isArray((raw as { presets?: unknown }).presets)) {
    list = (raw as { presets: unknown[] }).presets;
    prefix = (i) => `presets[${i}]`;
  } else if (raw && typeof raw === 'object') {
    list = [raw];
    prefix = () => '';
  } else {
    return {
      presets: [],
      skipped: [
        {
          id: null,
          reason: 'expected a preset object, a list of presets, or {"presets": [...]}',
          problem: { kind: 'not-presets' },
        },
      ],
    };
  }
  const presets: Preset[] = [];
  const skipped: PresetEntries['skipped'] = [];
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const id =
      item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string'
        ? (item as { id: string }).id
        : null;
    const parsed = PresetSchema.safeParse(item);
    if (!parsed.success)
      skipped.push({
        id,
        reason: describeIssues(prefix(i), parsed.error).join('; '),
        problem: { kind: 'invalid', fields: issuePaths(prefix(i), parsed.error) },
      });
    else if (seen.has(parsed.data.id))
      skipped.push({
        id,
        reason: `id "${parsed.data.id}" appears more than once in the file`,
        problem: { kind: 'repeated' },
      });
    else {
      seen.add(parsed.data.id);
      presets.push({ ...parsed.data, builtIn: false });
    }
  });
  if (!list.length) skipped.push({ id: null, reason: 'the file holds no preset', problem: { kind: 'empty' } });
  return { presets, skipped };
}

/** Parse and validate presets from JSON text, all or nothing; never throws. */
export function parsePresetsJson(text: string): PresetImportResult {
  const { presets, skipped } = parsePresetEntries(text);
  return skipped.length ? { ok: false, errors: skipped.flatMap((s) => s.reason.split('; ')) } : { ok: true, presets };
}
