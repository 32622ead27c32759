import { describe, expect, it } from 'vitest';
import { builtInPresets, mergeWithBuiltIns } from '../../../shared/presets/builtins';
import { resolutionsByEntry, resolvePreset } from '../../../shared/presets/resolve';
import { parseFamilyQuery } from '../../../shared/presets/family-query';
import { PresetSchema } from '../../../shared/presets/schema';
import { catalog } from '../../support/catalog-fixture';

const preset = (id: string) => builtInPresets().find((p) => p.id === id)!;

describe('resolvePreset (built-ins against the user catalog)', () => {
  const cases: { id: string; keys: string[] }[] = [
    { id: 'dev', keys: ['deepseek/deepseek-coder-33b-instruct'] },
    { id: 'multi-agent', keys: ['qwen/qwen2.5-coder-14b-instruct', 'qwen/qwen2.5-7b-instruct'] },
    { id: 'dual-7b', keys: ['qwen/qwen2.5-7b-instruct', 'qwen/qwen2.5-coder-7b-instruct'] },
    { id: 'light', keys: ['meta/llama-3.2-1b-instruct', 'meta/llama-3.2-3b-instruct'] },
    { id: 'gaming', keys: [] },
  ];
  for (const c of cases) {
    it(`${c.id} → ${c.keys.join(' + ') || 'nothing'}`, () => {
      const r = resolvePreset(preset(c.id), catalog);
      expect(r.models.map((m) => m.key)).toEqual(c.keys);
      expect(r.missing).toEqual([]);
    });
  }

  it('keeps the preset settings on the resolved models', () => {
    const [m] = resolvePreset(preset('light'), catalog).models;
    expect(m).toMatchObject({ contextLength: 8192, gpuOffload: 'off', sizeBytes: 1.32e9 });
  });

  it('steps the quantization down until it fits', () => {
    const r = resolvePreset(preset('dev'), catalog, {
      fits: (models) => models.every((m) => (m.sizeBytes ?? 0) < 17e9),
    });
    expect(r.models[0]!.key).toBe('deepseek/deepseek-coder-33b-instruct-q3_k_m');
  });

  it('keeps the smallest quantization when nothing fits (memory-fit then refuses with alternatives)', () => {
    const r = resolvePreset(preset('dev'), catalog, { fits: () => false });
    expect(r.models[0]!.quantization).toBe('Q3_K_M');
  });

  it('reports missing models instead of failing', () => {
    const r = resolvePreset(
      preset('dev'),
      catalog.filter((m) => !m.key.includes('33b')),
    );
    expect(r.models).toEqual([]);
    expect(r.missing[0]!.message).toBe(
      'not downloaded: a ~33B deepseek-coder, qwen2.5-coder, codellama or qwen3-coder model (Q4_K_M or smaller) — get it in LM Studio',
    );
  });

  it('a user preset with an exact key not downloaded is reported by key', () => {
    const p = PresetSchema.parse({
      id: 'mine',
      name: 'Mine',
      models: [{ key: 'acme/unknown-9b' }, { key: 'qwen/qwen2.5-7b-instruct' }],
    });
    const r = resolvePreset(p, catalog);
    expect(r.models.map((m) => m.key)).toEqual(['qwen/qwen2.5-7b-instruct']);
    expect(r.missing.map((m) => m.message)).toEqual(['not downloaded: acme/unknown-9b — get it in LM Studio']);
  });

  it('pairs every preset model with what it loads, or why nothing, in the preset order', () => {
    const p = PresetSchema.parse({
      id: 'mine',
      name: 'Mine',
      models: [{ key: 'acme/unknown-9b' }, { key: 'qwen/qwen2.5-7b-instruct' }, { key: 'acme/unknown-9b' }],
    });
    const rows = resolutionsByEntry(resolvePreset(p, catalog));
    expect(rows.map((r) => [r.requested, r.model?.displayName ?? null, r.missing !== null])).toEqual([
      ['acme/unknown-9b', null, true],
      ['qwen/qwen2.5-7b-instruct', 'Qwen2.5 7B Instruct', false],
      ['acme/unknown-9b', null, true],
    ]);
  });

  it('Dual 7B falls back to two copies of the only 7B', () => {
    const r = resolvePreset(
      preset('dual-7b'),
      catalog.filter((m) => m.key !== 'qwen/qwen2.5-coder-7b-instruct'),
    );
    expect(r.models.map((m) => m.key)).toEqual(['qwen/qwen2.5-7b-instruct', 'qwen/qwen2.5-7b-instruct']);
  });

  it('never resolves to an embedding model', () => {
    const p = PresetSchema.parse({ id: 'x', name: 'x', models: [{ key: 'family:*@137m' }] });
    expect(resolvePreset(p, catalog).models).toEqual([]);
  });
});

describe('family queries and built-ins', () => {
  it('parses names and size; rejects malformed text', () => {
    expect(parseFamilyQuery('family:a|b@33b')).toEqual({ families: ['a', 'b'], billions: 33 });
    expect(parseFamilyQuery('family:a@500m')).toEqual({ families: ['a'], billions: 0.5 });
    expect(parseFamilyQuery('family:@7b')).toBeNull();
    expect(parseFamilyQuery('family:a')).toBeNull();
    expect(parseFamilyQuery('family:a@7b:q4_k_m')).toEqual({ families: ['a'], billions: 7, maxQuantization: 'Q4_K_M' });
    expect(parseFamilyQuery('family:a@7b:fp16')).toEqual({ families: ['a'], billions: 7, maxQuantization: 'F16' });
    expect(parseFamilyQuery('family:a@7b:bogus')).toBeNull();
    expect(parseFamilyQuery('family:a@7b:q4:q8')).toBeNull();
    expect(parseFamilyQuery('qwen/qwen2.5-7b-instruct')).toBeNull();
  });

  it('has the five built-ins of the user profile', () => {
    const all = builtInPresets();
    expect(all.map((p) => p.id)).toEqual(['dev', 'multi-agent', 'dual-7b', 'light', 'gaming']);
    expect(all.every((p) => p.builtIn && p.exclusive)).toBe(true);
    expect(preset('dev').models[0]).toMatchObject({ contextLength: 4096, gpuOffload: 'max' });
  });

  it('a user preset overrides a built-in with the same id', () => {
    const mine = PresetSchema.parse({ id: 'dev', name: 'My Dev', models: [] });
    const merged = mergeWithBuiltIns([mine]);
    expect(merged.filter((p) => p.id === 'dev')).toEqual([mine]);
    expect(merged).toHaveLength(5);
  });
});
