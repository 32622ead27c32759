/**
 * Which downloaded file a preset entry binds to (issue 15): files within the quantization ceiling before
 * larger ones, the largest of those first, a model the preset does not use yet before a second copy,
 * the largest model stepped down first when the set does not fit, and only the settings the preset sets.
 */
import { describe, expect, it } from 'vitest';
import { CatalogModelSchema, type CatalogModel } from '../../../shared/lmstudio/types';
import { resolutionsByEntry, resolvePreset, type ResolvedPreset } from '../../../shared/presets/resolve';
import { PresetSchema } from '../../../shared/presets/schema';

const GB = 1e9;
const file = (
  key: string,
  params: string,
  quantization: string,
  sizeBytes: number,
  path: string | null = null,
): CatalogModel =>
  CatalogModelSchema.parse({
    key,
    displayName: key,
    type: 'llm',
    publisher: null,
    architecture: 'llama',
    quantization,
    bitsPerWeight: null,
    sizeBytes,
    paramsString: params,
    format: 'gguf',
    maxContextLength: 32768,
    capabilities: { vision: false, toolUse: false, reasoning: false },
    loadedInstances: [],
    path,
  });
const presetOf = (...models: object[]) => PresetSchema.parse({ id: 'p', name: 'P', models });
const keys = (r: ResolvedPreset) => r.models.map((m) => m.key);

// Listed smallest first, so an order that is not sorted shows.
const alpha = [
  file('acme/alpha-7b-q3_k_m', '7B', 'Q3_K_M', 3.5 * GB),
  file('acme/alpha-7b-q4_k_m', '7B', 'Q4_K_M', 4.4 * GB),
  file('acme/alpha-7b-q8_0', '7B', 'Q8_0', 7.6 * GB),
];
const beta = [file('acme/beta-7b-q4_k_m', '7B', 'Q4_K_M', 4.5 * GB)];

describe('binding a family query to a file', () => {
  it('takes the largest file within the quantization ceiling, not a larger one above it', () => {
    expect(keys(resolvePreset(presetOf({ key: 'family:alpha@7b:q4_k_m' }), alpha))).toEqual(['acme/alpha-7b-q4_k_m']);
  });

  it('without a ceiling takes the largest file', () => {
    expect(keys(resolvePreset(presetOf({ key: 'family:alpha@7b' }), alpha))).toEqual(['acme/alpha-7b-q8_0']);
  });

  it('with no file within the ceiling still takes the family, largest first (memory-fit then judges it)', () => {
    expect(keys(resolvePreset(presetOf({ key: 'family:alpha@7b:q2_k' }), alpha))).toEqual(['acme/alpha-7b-q8_0']);
  });

  it('gives a second entry of the same family another model before a second copy', () => {
    const twice = presetOf({ key: 'family:acme@7b:q4_k_m' }, { key: 'family:acme@7b:q4_k_m' });
    expect(keys(resolvePreset(twice, [...alpha, ...beta]))).toEqual(['acme/alpha-7b-q4_k_m', 'acme/beta-7b-q4_k_m']);
  });

  it('prefers a second copy within the ceiling to an unused model only above it', () => {
    const over = file('acme/gamma-7b-f16', '7B', 'F16', 14 * GB);
    const twice = presetOf({ key: 'family:acme@7b:q4_k_m' }, { key: 'family:acme@7b:q4_k_m' });
    expect(keys(resolvePreset(twice, [...beta, over]))).toEqual(['acme/beta-7b-q4_k_m', 'acme/beta-7b-q4_k_m']);
  });

  it('reports an unparsable family query as missing', () => {
    expect(resolvePreset(presetOf({ key: 'family:alpha' }), alpha).missing.map((m) => m.requested)).toEqual([
      'family:alpha',
    ]);
  });
});

describe('stepping down until it fits', () => {
  it('steps the largest model down first, and stops as soon as the set fits', () => {
    const big = [
      file('acme/big-14b-q4_k_m', '14B', 'Q4_K_M', 9 * GB),
      file('acme/big-14b-q3_k_m', '14B', 'Q3_K_M', 7 * GB),
    ];
    const preset = presetOf({ key: 'family:big@14b' }, { key: 'family:alpha@7b' });
    // 7.6 + 9 = 16.6 GB; the budget is 15: stepping the 9 GB one (the larger) to 7 GB is enough.
    const r = resolvePreset(preset, [...big, ...alpha], {
      fits: (ms) => ms.reduce((s, m) => s + (m.sizeBytes ?? 0), 0) <= 15 * GB,
    });
    expect(keys(r)).toEqual(['acme/big-14b-q3_k_m', 'acme/alpha-7b-q8_0']);
    // The same with the larger model listed second.
    const reversed = resolvePreset(
      presetOf({ key: 'family:alpha@7b' }, { key: 'family:big@14b' }),
      [...big, ...alpha],
      { fits: (ms) => ms.reduce((s, m) => s + (m.sizeBytes ?? 0), 0) <= 15 * GB },
    );
    expect(keys(reversed)).toEqual(['acme/alpha-7b-q8_0', 'acme/big-14b-q3_k_m']);
  });

  it('on a tie, steps the entry listed first', () => {
    const twin = [
      file('acme/twin-7b-q8_0', '7B', 'Q8_0', 7.6 * GB),
      file('acme/twin-7b-q4_k_m', '7B', 'Q4_K_M', 4.4 * GB),
    ];
    const r = resolvePreset(presetOf({ key: 'family:alpha@7b' }, { key: 'family:twin@7b' }), [...alpha, ...twin], {
      fits: (ms) => ms.reduce((s, m) => s + (m.sizeBytes ?? 0), 0) <= 13 * GB,
    });
    expect(keys(r)).toEqual(['acme/alpha-7b-q4_k_m', 'acme/twin-7b-q8_0']);
  });
});

describe('the resolved model', () => {
  it('carries the file facts and only the settings the preset sets', () => {
    const withPath = file('acme/delta-7b-q4_k_m', '7B', 'Q4_K_M', 4 * GB, '/models/delta.gguf');
    const [all] = resolvePreset(
      presetOf({ key: withPath.key, contextLength: 8192, gpuOffload: 0.5, ttlSeconds: 600, identifier: 'delta' }),
      [withPath],
    ).models;
    expect(all).toStrictEqual({
      key: withPath.key,
      requested: withPath.key,
      displayName: withPath.key,
      sizeBytes: 4 * GB,
      paramsString: '7B',
      quantization: 'Q4_K_M',
      path: '/models/delta.gguf',
      maxContextLength: 32768,
      contextLength: 8192,
      gpuOffload: 0.5,
      ttlSeconds: 600,
      identifier: 'delta',
    });
    const [bare] = resolvePreset(presetOf({ key: withPath.key }), [withPath]).models;
    expect(Object.keys(bare!).sort()).toEqual([
      'displayName',
      'key',
      'maxContextLength',
      'paramsString',
      'path',
      'quantization',
      'requested',
      'sizeBytes',
    ]);
  });
});

describe('resolutions by entry', () => {
  it('pairs consecutive resolved entries with their own models', () => {
    const r = resolvePreset(presetOf({ key: beta[0]!.key }, { key: alpha[0]!.key }), [...alpha, ...beta]);
    expect(resolutionsByEntry(r).map((e) => e.model?.key)).toEqual([beta[0]!.key, alpha[0]!.key]);
  });

  it('has neither a model nor a reason for an entry the resolution does not cover', () => {
    const r = resolvePreset(presetOf({ key: 'acme/none' }), []);
    const edited = { ...r, preset: presetOf({ key: 'acme/other' }, { key: 'acme/none' }) };
    expect(resolutionsByEntry(edited).map((e) => [e.requested, e.model, e.missing?.requested ?? null])).toEqual([
      ['acme/other', null, null],
      ['acme/none', null, 'acme/none'],
    ]);
  });
});
