/**
 * What is wrong in config.json, as data, and its words: the settings store's English `detail` (logged,
 * printed by the CLI) and each window's banner and the tray's notification come from wordSettingsIssues
 * with the `settingsIssue` catalog namespace, so there is one text per language. Field values are never
 * carried (the file may hold a token by mistake): only what kind of value was found.
 */
import { z } from 'zod';
import type { Translate } from '../i18n/translate';

/** What a JSON value is, without its content. */
export const FoundValueSchema = z.enum(['nothing', 'null', 'list', 'text', 'boolean', 'number', 'object']);
export type FoundValue = z.infer<typeof FoundValueSchema>;

/** The types zod names that have words in the catalog; any other is shown as zod names it. */
const EXPECTED_WORDED = new Set(['number', 'string', 'boolean', 'object', 'array', 'int']);

export const SettingsIssueSchema = z.discriminatedUnion('kind', [
  /** Not JSON: where parsing stopped, when known. */
  z.object({ kind: z.literal('not-json'), line: z.number().int(), column: z.number().int() }),
  /** Not JSON because it ends too early (cut off while being saved or edited). */
  z.object({ kind: z.literal('cut-off') }),
  /** Not JSON, and the parser did not say where. */
  z.object({ kind: z.literal('unparsable') }),
  /** JSON, but not an object. */
  z.object({ kind: z.literal('not-object'), found: FoundValueSchema }),
  /** Written by a newer Loadout. */
  z.object({ kind: z.literal('newer-schema'), version: z.number(), supported: z.number() }),
  /** The file could not be read, or migrated (the system's own words in `detail`). */
  z.object({ kind: z.literal('unreadable'), detail: z.string() }),
  z.object({ kind: z.literal('unusable'), detail: z.string() }),
  /** A field of the wrong type; `expected` is zod's type name. */
  z.object({ kind: z.literal('wrong-type'), path: z.string(), expected: z.string(), found: FoundValueSchema }),
  /** A field outside its allowed values (JSON-quoted). */
  z.object({ kind: z.literal('not-one-of'), path: z.string(), values: z.array(z.string()) }),
  /** Any other rule a field breaks, in the schema's own (English) words. */
  z.object({ kind: z.literal('invalid'), path: z.string(), detail: z.string() }),
]);
export type SettingsIssue = z.infer<typeof SettingsIssueSchema>;

/** One issue in the language of `t`. */
export function wordSettingsIssue(issue: SettingsIssue, t: Translate): string {
  const path = 'path' in issue ? issue.path || t('settingsIssue.topLevel') : '';
  switch (issue.kind) {
    case 'not-json':
      return t('settingsIssue.notJson', { line: issue.line, column: issue.column });
    case 'cut-off':
      return t('settingsIssue.cutOff');
    case 'unparsable':
      return t('settingsIssue.unparsable');
    case 'not-object':
      return t('settingsIssue.notObject', { found: t(`settingsIssue.found_${issue.found}`) });
    case 'newer-schema':
      return t('settingsIssue.newerSchema', { version: issue.version, supported: issue.supported });
    case 'unreadable':
      return t('settingsIssue.unreadable', { detail: issue.detail });
    case 'unusable':
      return issue.detail;
    case 'wrong-type': {
      const expected = EXPECTED_WORDED.has(issue.expected)
        ? t(`settingsIssue.expected_${issue.expected}`)
        : issue.expected;
      return t('settingsIssue.wrongType', { path, expected, found: t(`settingsIssue.found_${issue.found}`) });
    }
    case 'not-one-of':
      return t('settingsIssue.notOneOf', { path, values: issue.values.join(', ') });
    case 'invalid':
      return t('settingsIssue.invalid', { path, detail: issue.detail });
  }
}

/** The issues shown (the first few), and how many more there are, as one line in the language of `t`. */
export function wordSettingsIssues(issues: readonly SettingsIssue[], more: number, t: Translate): string {
  const line = issues.map((issue) => wordSettingsIssue(issue, t)).join('; ');
  return more > 0 ? `${line} ${t('settingsIssue.more', { count: more })}` : line;
}

/** A reported problem's detail in the language of `t`; its English `detail` where it carries no issues (an older core). */
export function wordSettingsProblemDetail(
  problem: { detail: string; issues?: readonly SettingsIssue[]; more?: number },
  t: Translate,
): string {
  return problem.issues?.length ? wordSettingsIssues(problem.issues, problem.more ?? 0, t) : problem.detail;
}
