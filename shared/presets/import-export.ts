/**
 * Presets as JSON files: export one preset, import one preset, a list, or `{ "presets": [...] }`.
 * Import validates everything first and names each bad field ("presets[0].models[1].gpuOffload: …"),
 * so a bad file changes nothing.
 */
import type { z } from 'zod';
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

/** Parse and validate presets from JSON text; never throws. */
export function parsePresetsJson(text: string): PresetImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
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
    return { ok: false, errors: ['expected a preset object, a list of presets, or {"presets": [...]}'] };
  }
  const presets: Preset[] = [];
  const errors: string[] = [];
  list.forEach((item, i) => {
    const parsed = PresetSchema.safeParse(item);
    if (parsed.success) presets.push({ ...parsed.data, builtIn: false });
    else errors.push(...describeIssues(prefix(i), parsed.error));
  });
  const seen = new Set<string>();
  for (const p of presets) {
    if (seen.has(p.id)) errors.push(`id "${p.id}" appears more than once in the file`);
    seen.add(p.id);
  }
  if (!list.length) errors.push('the file holds no preset');
  return errors.length ? { ok: false, errors } : { ok: true, presets };
}
