/** What is wrong in config.json, worded in English (the store's detail, the CLI, the log) and pt-BR (windows, tray). */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../shared/i18n/translate';
import {
  SettingsIssueSchema,
  wordSettingsIssue,
  wordSettingsIssues,
  wordSettingsProblemDetail,
  type SettingsIssue,
} from '../../../shared/settings/settings-issue';

const en = translator('en');
const pt = translator('pt-BR');
const both = (issue: SettingsIssue) => [wordSettingsIssue(issue, en), wordSettingsIssue(issue, pt)];

describe('wordSettingsIssue', () => {
  it('words a wrong field type, an enum and another rule, field path first', () => {
    expect(both({ kind: 'wrong-type', path: 'energy.tariff', expected: 'number', found: 'text' })).toEqual([
      'energy.tariff: expected a number (found text)',
      'energy.tariff: esperava um número (encontrou texto)',
    ]);
    expect(both({ kind: 'wrong-type', path: '', expected: 'object', found: 'list' })).toEqual([
      '(top level): expected an object (found a list)',
      '(nível superior): esperava um objeto (encontrou uma lista)',
    ]);
    expect(both({ kind: 'wrong-type', path: 'a', expected: 'bigint', found: 'null' })[1]).toBe(
      'a: esperava bigint (encontrou nulo)',
    );
    expect(both({ kind: 'not-one-of', path: 'ui.theme', values: ['"system"', '"dark"'] })).toEqual([
      'ui.theme: expected one of "system", "dark"',
      'ui.theme: esperava um destes: "system", "dark"',
    ]);
    expect(both({ kind: 'invalid', path: 'machines.1.url', detail: 'a file: URL cannot be called' })).toEqual([
      'machines.1.url: a file: URL cannot be called',
      'machines.1.url: a file: URL cannot be called',
    ]);
  });

  it('words whole-file problems', () => {
    expect(both({ kind: 'not-json', line: 3, column: 3 })).toEqual([
      'the file is not valid JSON: at line 3, column 3',
      'o arquivo não é um JSON válido: na linha 3, coluna 3',
    ]);
    expect(both({ kind: 'cut-off' })[1]).toContain('termina cedo demais');
    expect(both({ kind: 'unparsable' })).toEqual([
      'the file is not valid JSON: it cannot be parsed',
      'o arquivo não é um JSON válido: não foi possível interpretá-lo',
    ]);
    expect(both({ kind: 'not-object', found: 'boolean' })).toEqual([
      'the file holds true/false instead of a settings object ({ … })',
      'o arquivo contém verdadeiro/falso em vez de um objeto de configurações ({ … })',
    ]);
    expect(both({ kind: 'newer-schema', version: 9, supported: 2 })[1]).toMatch(
      /^As configurações foram gravadas por um Loadout mais novo \(esquema 9; este lê até o 2\)/,
    );
    expect(both({ kind: 'unreadable', detail: 'EACCES' })).toEqual([
      'it cannot be read (EACCES)',
      'não foi possível lê-lo (EACCES)',
    ]);
  });
});

describe('wordSettingsIssues and wordSettingsProblemDetail', () => {
  const issues: SettingsIssue[] = [
    { kind: 'wrong-type', path: 'a', expected: 'int', found: 'text' },
    { kind: 'wrong-type', path: 'b', expected: 'boolean', found: 'nothing' },
  ];
  it('joins the issues and counts the ones left out', () => {
    expect(wordSettingsIssues(issues, 4, en)).toBe(
      'a: expected a whole number (found text); b: expected true or false (found nothing) (and 4 more)',
    );
    expect(wordSettingsIssues(issues, 0, pt)).toBe(
      'a: esperava um número inteiro (encontrou texto); b: esperava true ou false (encontrou nada)',
    );
  });
  it("uses the problem's English detail only where it carries no issues", () => {
    expect(wordSettingsProblemDetail({ detail: 'old words', issues, more: 0 }, pt)).toMatch(/^a: esperava/);
    expect(wordSettingsProblemDetail({ detail: 'old words' }, pt)).toBe('old words');
  });
});

describe('SettingsIssueSchema and the remaining words', () => {
  it('reads every kind and found value the store sends', () => {
    const sent: SettingsIssue[] = [
      { kind: 'not-json', line: 3, column: 7 },
      { kind: 'cut-off' },
      { kind: 'unparsable' },
      ...(['nothing', 'null', 'list', 'text', 'boolean', 'number', 'object'] as const).map((found) => ({
        kind: 'not-object' as const,
        found,
      })),
      { kind: 'newer-schema', version: 9, supported: 3 },
      { kind: 'unreadable', detail: 'EACCES' },
      { kind: 'unusable', detail: 'migration failed' },
      { kind: 'wrong-type', path: 'a', expected: 'int', found: 'text' },
      { kind: 'not-one-of', path: 'a', values: ['"x"'] },
      { kind: 'invalid', path: 'a', detail: 'too big' },
    ];
    for (const issue of sent) expect(SettingsIssueSchema.parse(issue)).toEqual(issue);
    expect(SettingsIssueSchema.safeParse({ kind: 'not-object', found: 'emoji' }).success).toBe(false);
  });

  it("gives an unusable file's own words, and words the text and list types", () => {
    expect(wordSettingsIssue({ kind: 'unusable', detail: 'migration failed' }, pt)).toBe('migration failed');
    expect(wordSettingsIssue({ kind: 'wrong-type', path: 'a', expected: 'string', found: 'number' }, en)).toBe(
      'a: expected text (found a number)',
    );
    expect(wordSettingsIssue({ kind: 'wrong-type', path: 'a', expected: 'array', found: 'object' }, en)).toBe(
      'a: expected a list (found an object)',
    );
  });

  it('counts the issues left out of a problem too', () => {
    const issues: SettingsIssue[] = [{ kind: 'cut-off' }];
    expect(wordSettingsProblemDetail({ detail: 'x', issues, more: 2 }, en)).toMatch(/\(and 2 more\)$/);
  });
});
