import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings/schema';
import { readSettingsText, readSettingsValue } from '../../../shared/settings/settings-problem';

describe('readSettingsText: a hand-edited config.json, judged field by field', () => {
  it('names one wrong field by its path and keeps the rest of the file', () => {
    const r = readSettingsText(
      JSON.stringify({ schemaVersion: 1, energy: { tariff: 'abc', gapLimitSeconds: 9 }, ui: { language: 'en' } }),
    );
    expect(r.problem).toEqual({
      kind: 'fields',
      paths: ['energy.tariff'],
      detail: 'energy.tariff: expected a number (found text)',
      issues: [{ kind: 'wrong-type', path: 'energy.tariff', expected: 'number', found: 'text' }],
      more: 0,
    });
    expect(r.settings?.energy.tariff).toBeNull();
    expect(r.settings?.energy.gapLimitSeconds).toBe(9);
    expect(r.settings?.ui.language).toBe('en');
  });

  it('names each wrong field, an enum by its choices, a bad list entry dropped whole', () => {
    const r = readSettingsText(
      JSON.stringify({
        sampler: { intervalMs: '1000' },
        ui: { theme: 'neon' },
        routing: {
          endpoints: [
            { name: 'ok', baseUrl: 'http://10.0.0.2:1234' },
            { name: 'bad', baseUrl: 'file:///etc/passwd' },
          ],
        },
      }),
    );
    expect(r.problem?.paths).toEqual(['sampler.intervalMs', 'machines.1.url', 'ui.theme']);
    expect(r.problem?.detail).toContain('sampler.intervalMs: expected a number (found text)');
    expect(r.problem?.detail).toContain('ui.theme: expected one of "system", "light", "dark"');
    expect(r.problem?.detail).toContain('machines.1.url: a file: URL cannot be called');
    expect(r.settings?.machines).toEqual([{ name: 'ok', url: 'http://10.0.0.2:1234', kind: 'lmstudio-only' }]);
    expect(r.settings?.sampler.intervalMs).toBe(1000);
  });

  it.each([
    ['null', 'the file holds null instead of a settings object'],
    ['[]', 'the file holds a list instead of a settings object'],
    ['"hello"', 'the file holds text instead of a settings object'],
    ['42', 'the file holds a number instead of a settings object'],
  ])('reports %s as a whole-file problem instead of taking it for defaults', (text, detail) => {
    const r = readSettingsText(text);
    expect(r.settings).toBeNull();
    expect(r.problem).toMatchObject({ kind: 'file', paths: [] });
    expect(r.problem?.detail).toContain(detail);
  });

  it('says where a broken or truncated file stops, without quoting its text', () => {
    const full = JSON.stringify({ lmstudio: { baseUrl: 'http://127.0.0.1:1234' }, energy: { tariff: 0.89 } }, null, 2);
    expect(readSettingsText(full.slice(0, 40)).problem?.detail).toMatch(/not valid JSON: it ends too early/);
    const typo = readSettingsText('{\n  "energy": { "tariff": 0.89 }\n  "ui": {}\n}');
    expect(typo.problem?.detail).toMatch(/not valid JSON: at line 3, column 3/);
    expect(typo.problem?.detail).not.toContain('tariff');
    expect(readSettingsText('').problem?.kind).toBe('file');
  });

  it('takes a good file, with a byte order mark, as it is', () => {
    const r = readSettingsText('\uFEFF{"energy":{"tariff":0.5}}');
    expect(r.problem).toBeNull();
    expect(r.settings?.energy.tariff).toBe(0.5);
    expect(readSettingsValue({}).settings).toEqual(defaultSettings());
  });

  it('reports a newer schema as a whole-file problem', () => {
    expect(readSettingsValue({ schemaVersion: 99 }).problem).toMatchObject({
      kind: 'file',
      detail: expect.stringMatching(/newer Loadout/),
      issues: [{ kind: 'newer-schema', version: 99, supported: expect.any(Number) }],
    });
  });

  it('gives the problem as data too, so a window words it in its language', () => {
    expect(readSettingsText('42').problem?.issues).toEqual([{ kind: 'not-object', found: 'number' }]);
    expect(readSettingsText('{"a":').problem?.issues).toEqual([{ kind: 'cut-off' }]);
    expect(readSettingsText('{\n  "a": 1\n  "b": 2\n}').problem?.issues).toEqual([
      { kind: 'not-json', line: 3, column: 3 },
    ]);
    const many = readSettingsValue({
      sampler: { intervalMs: 'x' },
      ui: { theme: 'neon' },
      energy: { tariff: 'x', gapLimitSeconds: 'y' },
    });
    expect(many.problem?.issues).toHaveLength(3);
    expect(many.problem?.more).toBe(many.problem!.paths.length - 3);
    expect(many.problem?.detail).toMatch(/ \(and \d+ more\)$/);
  });
});
