/**
 * Reads config.json's text into settings, or into a problem a person can act on that names the field
 * and its path (`energy.tariff: expected a number (found text)`). A hand edit can break the file at any
 * time, so this never throws; field values are never quoted (the file may hold a token by mistake).
 */
import type { z } from 'zod';
import { migrateSettings } from './migrate';
import { SettingsSchema, type Settings } from './schema';

export interface SettingsProblem {
  /** 'file': nothing in it can be used (not JSON, not an object, a newer schema); 'fields': some fields are wrong. */
  kind: 'file' | 'fields';
  /** The dotted paths at fault (`energy.tariff`, `routing.endpoints.0.baseUrl`); empty for a 'file' problem. */
  paths: string[];
  /** What is wrong, one line, paths first. */
  detail: string;
}

export type SettingsReading =
  | { settings: Settings; problem: null }
  /** `settings`: for a 'fields' problem, the file with each bad field at its default; null for a 'file' problem. */
  | { settings: Settings | null; problem: SettingsProblem };

/** What a JSON value is, in words, without its content. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'true/false';
  if (typeof value === 'number') return 'a number';
  return 'an object';
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  int: 'a whole number',
};

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** One zod issue as "path: what was expected (what was found)". */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = issue.path.map(String).join('.') || '(top level)';
  if (issue.code === 'invalid_type') {
    return `${path}: expected ${EXPECTED[issue.expected] ?? issue.expected} (found ${describeValue(valueAt(raw, issue.path))})`;
  }
  if (issue.code === 'invalid_value')
    return `${path}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return `${path}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
}

/** Where JSON.parse stopped, as "line L, column C", without quoting the text around it. */
function syntaxWhere(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(message);
  const atEnd = position !== null && Number(position[1]) >= text.trimEnd().length;
  if (/end of JSON input/i.test(message) || text.trim() === '' || atEnd)
    return 'it ends too early (cut off while being saved or edited?)';
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return `at line ${lineCol[1]}, column ${lineCol[2]}`;
  if (!position) return 'it cannot be parsed';
  const before = text.slice(0, Number(position[1])).split('\n');
  return `at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** Delete the value at `path` (so the schema's default takes its place). */
function withoutPath(root: unknown, path: PropertyKey[]): void {
  const parent = valueAt(root, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return;
  const key = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else delete (parent as Record<PropertyKey, unknown>)[key];
}

/** Parse an already-decoded settings value (the JSON of config.json). */
export function readSettingsValue(value: unknown): SettingsReading {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      settings: null,
      problem: {
        kind: 'file',
        paths: [],
        detail: `the file holds ${describeValue(value)} instead of a settings object ({ … })`,
      },
    };
  }
  let raw: Record<string, unknown>;
  try {
    raw = migrateSettings(value);
  } catch (error) {
    return {
      settings: null,
      problem: { kind: 'file', paths: [], detail: error instanceof Error ? error.message : String(error) },
    };
  }
  const parsed = SettingsSchema.safeParse(raw);
  if (parsed.success) return { settings: parsed.data, problem: null };
  const issues = parsed.error.issues;
  const shown = issues.slice(0, 3).map((i) => describeIssue(i, raw));
  const detail = shown.join('; ') + (issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '');
  const problem: SettingsProblem = {
    kind: 'fields',
    paths: [...new Set(issues.map((i) => i.path.map(String).join('.')))],
    detail,
  };
  const fallback = SettingsSchema.safeParse(withoutBadFields(raw, issues));
  return { settings: fallback.success ? fallback.data : null, problem };
}

/**
 * The rest of the file still counts: each bad field is removed so that its default applies, and a bad
 * list entry (a preset, an endpoint, a time slot) is removed whole, since its fields have no default.
 */
function withoutBadFields(raw: Record<string, unknown>, issues: z.core.$ZodIssue[]): Record<string, unknown> {
  const targets = new Map<string, PropertyKey[]>();
  for (const { path } of issues) {
    const lastIndex = path.findLastIndex((key) => typeof key === 'number');
    const target = lastIndex >= 0 ? path.slice(0, lastIndex + 1) : path;
    targets.set(target.map(String).join('.'), target);
  }
  // Deepest first, and later list entries before earlier ones, so the indexes still to remove stay valid.
  const ordered = [...targets.values()].sort((a, b) => b.length - a.length || Number(b.at(-1)) - Number(a.at(-1)) || 0);
  const repaired = structuredClone(raw);
  for (const path of ordered) withoutPath(repaired, path);
  return repaired;
}

/** Parse config.json's text: settings, or the problem with its paths. */
export function readSettingsText(text: string): SettingsReading {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      settings: null,
      problem: { kind: 'file', paths: [], detail: `the file is not valid JSON: ${syntaxWhere(text, error)}` },
    };
  }
  return readSettingsValue(value);
}
