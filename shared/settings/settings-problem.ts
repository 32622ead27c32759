/**
 * Reads config.json's text into settings, or into a problem a person can act on that names the field
 * and its path (`energy.tariff: expected a number (found text)`). A hand edit can break the file at any
 * time, so this never throws; field values are never quoted (the file may hold a token by mistake).
 */
import type { z } from 'zod';
import { translator } from '../i18n/translate';
import { migrateSettings, SettingsTooNewError } from './migrate';
import { SettingsSchema, type Settings } from './schema';
import { wordSettingsIssues, type FoundValue, type SettingsIssue } from './settings-issue';

export interface SettingsProblem {
  /** 'file': nothing in it can be used (not JSON, not an object, a newer schema); 'fields': some fields are wrong. */
  kind: 'file' | 'fields';
  /** The dotted paths at fault (`energy.tariff`, `routing.endpoints.0.baseUrl`); empty for a 'file' problem. */
  paths: string[];
  /** What is wrong, one line, paths first, in English: the wording of `issues` and `more`. */
  detail: string;
  /** The same as data (the first few issues), for a window or notification to word in its language. */
  issues: SettingsIssue[];
  /** How many issues were left out of `issues`. */
  more: number;
}

/** A problem from its issues, with its English detail. */
export function settingsProblem(
  kind: SettingsProblem['kind'],
  issues: SettingsIssue[],
  paths: string[] = [],
  more = 0,
): SettingsProblem {
  return { kind, paths, detail: wordSettingsIssues(issues, more, translator('en')), issues, more };
}

export type SettingsReading =
  | { settings: Settings; problem: null }
  /** `settings`: for a 'fields' problem, the file with each bad field at its default; null for a 'file' problem. */
  | { settings: Settings | null; problem: SettingsProblem };

/** What a JSON value is, without its content. */
function describeValue(value: unknown): FoundValue {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  return 'object';
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** One zod issue as data: the path, what was expected and what kind of value was found. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): SettingsIssue {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'invalid_type')
    return { kind: 'wrong-type', path, expected: issue.expected, found: describeValue(valueAt(raw, issue.path)) };
  if (issue.code === 'invalid_value')
    return { kind: 'not-one-of', path, values: issue.values.map((v) => JSON.stringify(v)) };
  return { kind: 'invalid', path, detail: `${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}` };
}

/** Where JSON.parse stopped (line and column), without quoting the text around it. */
function syntaxWhere(text: string, error: unknown): SettingsIssue {
  const message = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(message);
  const atEnd = position !== null && Number(position[1]) >= text.trimEnd().length;
  if (/end of JSON input/i.test(message) || text.trim() === '' || atEnd) return { kind: 'cut-off' };
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return { kind: 'not-json', line: Number(lineCol[1]), column: Number(lineCol[2]) };
  if (!position) return { kind: 'unparsable' };
  const before = text.slice(0, Number(position[1])).split('\n');
  return { kind: 'not-json', line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
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
    return { settings: null, problem: settingsProblem('file', [{ kind: 'not-object', found: describeValue(value) }]) };
  }
  let raw: Record<string, unknown>;
  try {
    raw = migrateSettings(value);
  } catch (error) {
    const issue: SettingsIssue =
      error instanceof SettingsTooNewError
        ? { kind: 'newer-schema', version: error.version, supported: error.supported }
        : { kind: 'unusable', detail: error instanceof Error ? error.message : String(error) };
    return { settings: null, problem: settingsProblem('file', [issue]) };
  }
  const parsed = SettingsSchema.safeParse(raw);
  if (parsed.success) return { settings: parsed.data, problem: null };
  const issues = parsed.error.issues;
  const shown = issues.slice(0, 3).map((i) => describeIssue(i, raw));
  const paths = [...new Set(issues.map((i) => i.path.map(String).join('.')))];
  const problem = settingsProblem('fields', shown, paths, issues.length - shown.length);
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
    return { settings: null, problem: settingsProblem('file', [syntaxWhere(text, error)]) };
  }
  return readSettingsValue(value);
}
