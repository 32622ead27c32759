import { describe, expect, it } from 'vitest';
import { exportPresetJson, parsePresetsJson } from '../../../shared/presets/import-export';
import { builtInPresets } from '../../../shared/presets/builtins';

describe('preset JSON import/export', () => {
  it('round-trips a preset (as the user own, not built-in)', () => {
    const dev = builtInPresets()[0]!;
    const result = parsePresetsJson(exportPresetJson(dev));
    expect(result).toEqual({ ok: true, presets: [{ ...dev, builtIn: false }] });
  });

  it('accepts a list and {"presets": [...]}', () => {
    const one = { id: 'a', name: 'A', models: [{ key: 'k' }] };
    const two = { id: 'b', name: 'B', models: [] };
    expect(parsePresetsJson(JSON.stringify([one, two]))).toMatchObject({
      ok: true,
      presets: [{ id: 'a', exclusive: true }, { id: 'b' }],
    });
    expect(parsePresetsJson(JSON.stringify({ presets: [one] }))).toMatchObject({ ok: true, presets: [{ id: 'a' }] });
  });

  const bad: { name: string; text: string; error: RegExp }[] = [
    { name: 'not JSON', text: '{"id":', error: /^not valid JSON/ },
    { name: 'a number', text: '42', error: /expected a preset object/ },
    {
      name: 'bad offload',
      text: JSON.stringify({ presets: [{ id: 'a', name: 'A', models: [{ key: 'k', gpuOffload: 2 }] }] }),
      error: /^presets\[0\]\.models\[0\]\.gpuOffload: /,
    },
    { name: 'missing name', text: JSON.stringify([{ id: 'a', models: [] }]), error: /^\[0\]\.name: / },
    {
      name: 'bad id',
      text: JSON.stringify({ id: 'has space', name: 'A', models: [] }),
      error: /^id: use letters, digits, - and _/,
    },
    {
      name: 'negative context',
      text: JSON.stringify({ id: 'a', name: 'A', models: [{ key: 'k', contextLength: -1 }] }),
      error: /^models\[0\]\.contextLength: /,
    },
    {
      name: 'duplicate ids',
      text: JSON.stringify([
        { id: 'a', name: 'A', models: [] },
        { id: 'a', name: 'B', models: [] },
      ]),
      error: /id "a" appears more than once/,
    },
    { name: 'empty list', text: '[]', error: /no preset/ },
  ];
  for (const c of bad) {
    it(`rejects ${c.name} naming the field`, () => {
      const result = parsePresetsJson(c.text);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(
          result.errors.some((e) => c.error.test(e)),
          result.errors.join('\n'),
        ).toBe(true);
    });
  }

  it('one bad preset rejects the whole file', () => {
    const result = parsePresetsJson(
      JSON.stringify([
        { id: 'a', name: 'A', models: [] },
        { id: 'b', models: [] },
      ]),
    );
    expect(result.ok).toBe(false);
  });
});
