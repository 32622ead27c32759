/**
 * Why a presets-file entry was skipped, coded beside the core's English reason, and worded from it in English
 * and pt-BR; the English reason (the CLI's words) is unchanged.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../shared/i18n/translate';
import { parsePresetEntries } from '../../../shared/presets/import-export';
import { PresetImportSkipProblemSchema, wordPresetImportSkip } from '../../../shared/presets/import-skip';

const en = translator('en');
const pt = translator('pt-BR');
const preset = (id: string) => ({ id, name: id, description: '', models: [], exclusive: true });

describe('a skipped presets-file entry', () => {
  it('is coded for each way a file or entry can be wrong, the English reason kept', () => {
    expect(parsePresetEntries('{oops').skipped).toEqual([
      { id: null, reason: expect.stringMatching(/^not valid JSON: /), problem: { kind: 'not-json' } },
    ]);
    expect(parsePresetEntries('42').skipped[0]?.problem).toEqual({ kind: 'not-presets' });
    expect(parsePresetEntries('[]').skipped).toEqual([
      { id: null, reason: 'the file holds no preset', problem: { kind: 'empty' } },
    ]);
    const bad = { ...preset('coder'), models: [{ key: 'q', gpuOffload: 'lots' }], exclusive: 'yes' };
    const entries = parsePresetEntries(JSON.stringify({ presets: [bad, preset('a'), preset('a')] }));
    expect(entries.skipped).toEqual([
      {
        id: 'coder',
        reason: expect.stringContaining('presets[0].exclusive: '),
        problem: { kind: 'invalid', fields: ['presets[0].models[0].gpuOffload', 'presets[0].exclusive'] },
      },
      { id: 'a', reason: 'id "a" appears more than once in the file', problem: { kind: 'repeated' } },
    ]);
  });

  it('reads in pt-BR from its code, and in English', () => {
    const invalid = {
      id: 'coder',
      reason: 'presets[0].exclusive: Invalid input: expected boolean',
      problem: { kind: 'invalid' as const, fields: ['presets[0].models[0].gpuOffload', 'presets[0].exclusive'] },
    };
    expect(wordPresetImportSkip(invalid, pt)).toBe(
      'coder: não importado, estes campos estão errados: presets[0].models[0].gpuOffload, presets[0].exclusive.',
    );
    expect(wordPresetImportSkip(invalid, en)).toBe(
      'coder: not imported, these fields are wrong: presets[0].models[0].gpuOffload, presets[0].exclusive.',
    );
    const exists = { id: 'a', reason: 'a preset "a" already exists', problem: { kind: 'exists' as const } };
    expect(wordPresetImportSkip(exists, pt)).toBe(
      'a: não importado, já existe um preset com este id. Exclua ou renomeie aquele antes.',
    );
    for (const kind of ['not-json', 'not-presets', 'repeated', 'empty'] as const) {
      const words = wordPresetImportSkip({ id: null, reason: 'x', problem: { kind } }, pt);
      expect(words).not.toContain('presetImportSkip.');
      expect(words).not.toBe(wordPresetImportSkip({ id: null, reason: 'x', problem: { kind } }, en));
    }
  });

  it('keeps the id and English reason when no code came (an older core)', () => {
    expect(wordPresetImportSkip({ id: null, reason: 'the file holds no preset' }, pt)).toBe(
      '?: the file holds no preset',
    );
  });

  it('crosses the API as data: each kind parses back as itself, an unknown kind is refused', () => {
    const problems = [
      { kind: 'not-json' },
      { kind: 'not-presets' },
      { kind: 'invalid', fields: ['presets[0].models[1].gpuOffload'] },
      { kind: 'repeated' },
      { kind: 'exists' },
      { kind: 'empty' },
    ];
    for (const problem of problems) expect(PresetImportSkipProblemSchema.parse(problem)).toEqual(problem);
    expect(PresetImportSkipProblemSchema.safeParse({ kind: 'corrupt' }).success).toBe(false);
    expect(PresetImportSkipProblemSchema.safeParse({ kind: 'invalid' }).success).toBe(false);
  });
});
