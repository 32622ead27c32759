/**
 * The built-ins against the user's document (../shared/seed/hardware-profile.pt-BR.md, "Multi-Model
 * Strategy"): resolved on the reference machine's catalogs, each lands near its scenario's size.
 */
import { describe, expect, it } from 'vitest';
import { CatalogModelSchema, type CatalogModel } from '../../../shared/lmstudio/types';
import { estimateInstanceMemory } from '../../../shared/models/memory-fit';
import { builtInPresets } from '../../../shared/presets/builtins';
import { resolvePreset } from '../../../shared/presets/resolve';
import { DEFAULT_CATALOG } from '../../emulator/catalog';
import { catalog as fixtureCatalog } from '../../support/catalog-fixture';

/** The emulator's catalog (the reference user's downloads, Mistral 7B F16 among them) as the client reports it. */
const emulatorCatalog: CatalogModel[] = DEFAULT_CATALOG.map((m) =>
  CatalogModelSchema.parse({
    key: m.key,
    displayName: m.displayName,
    type: m.type,
    publisher: m.publisher,
    architecture: m.architecture,
    quantization: m.quantization.name,
    bitsPerWeight: m.quantization.bitsPerWeight,
    sizeBytes: m.sizeBytes,
    paramsString: m.paramsString,
    format: m.format,
    maxContextLength: m.maxContextLength,
    capabilities: { vision: m.vision, toolUse: m.trainedForToolUse, reasoning: false },
    loadedInstances: [],
  }),
);

/** Weights + KV cache + compute buffer of every model a built-in resolves to, in GB (the document's unit). */
function resolvedGB(
  id: string,
  catalog: CatalogModel[],
): { keys: string[]; quantizations: (string | null)[]; gb: number } {
  const preset = builtInPresets().find((p) => p.id === id)!;
  const { models, missing } = resolvePreset(preset, catalog);
  expect(missing).toEqual([]);
  const bytes = models.reduce(
    (sum, m) =>
      sum +
      estimateInstanceMemory({
        key: m.key,
        sizeBytes: m.sizeBytes,
        paramsString: m.paramsString,
        contextLength: m.contextLength ?? null,
        gpuOffload: m.gpuOffload,
      }).totalBytes,
    0,
  );
  return { keys: models.map((m) => m.key), quantizations: models.map((m) => m.quantization), gb: bytes / 1e9 };
}

// "Cenário 1: 1x 34B (ocupa ~22GB)"; "Cenário 2: 1x 13B (~10GB) + 1x 7B (~6GB)"; "Cenário 3: 2x 7B (~12GB total)".
const SCENARIOS: { id: string; gb: number; models: number }[] = [
  { id: 'dev', gb: 22, models: 1 },
  { id: 'multi-agent', gb: 10 + 6, models: 2 },
  { id: 'dual-7b', gb: 12, models: 2 },
];
/** How far an estimate may sit from the document's round figure. */
const TOLERANCE = 0.15;

describe.each([
  ['the unit catalog fixture', fixtureCatalog],
  ['the emulator catalog', emulatorCatalog],
])('built-ins on the reference machine (%s)', (_name, catalog) => {
  for (const s of SCENARIOS) {
    it(`${s.id} is the document's ~${s.gb} GB scenario, in Q4_K_M`, () => {
      const r = resolvedGB(s.id, catalog);
      expect(r.keys).toHaveLength(s.models);
      expect(
        r.quantizations.every((q) => q === 'Q4_K_M'),
        r.keys.join(' + '),
      ).toBe(true);
      expect(Math.abs(r.gb - s.gb) / s.gb, `${r.keys.join(' + ')}: ${r.gb.toFixed(1)} GB`).toBeLessThanOrEqual(
        TOLERANCE,
      );
    });
  }

  it('light keeps the GPU free: small models, all on the CPU', () => {
    const preset = builtInPresets().find((p) => p.id === 'light')!;
    const { models } = resolvePreset(preset, catalog);
    expect(models).toHaveLength(2);
    expect(models.every((m) => m.gpuOffload === 'off' && (m.sizeBytes ?? Infinity) < 3e9)).toBe(true);
  });
});

describe('the quantization ceiling of a family query', () => {
  it('passes over an F16 file while a Q4 one of the size is downloaded, and reports the ceiling when nothing is', () => {
    const dual = builtInPresets().find((p) => p.id === 'dual-7b')!;
    expect(resolvePreset(dual, emulatorCatalog).models.map((m) => m.key)).not.toContain('mistral-7b-instruct-v0.3');
    const onlyF16 = emulatorCatalog.filter((m) => m.key === 'mistral-7b-instruct-v0.3');
    // Only an F16 7B: it is still used (memory-fit then judges it) rather than reported missing.
    expect(resolvePreset(dual, onlyF16).models.map((m) => m.quantization)).toEqual(['F16', 'F16']);
    expect(resolvePreset(dual, []).missing[0]!.message).toBe(
      'not downloaded: a ~7B qwen2.5, llama or mistral model (Q4_K_M or smaller) — get it in LM Studio',
    );
  });
});

describe('a text slot with none of its named families downloaded', () => {
  const dual = () => builtInPresets().find((p) => p.id === 'dual-7b')!;
  /** Qwen2-VL 7B as LM Studio lists it: an `llm` with vision (the emulator's entry, in the fixture's shape). */
  const qwen2Vl = emulatorCatalog.find((m) => m.key === 'qwen2-vl-7b-instruct')!;

  it('fills the coder slot with a text 7B, not the vision model, and marks it a stand-in (emulator catalog)', () => {
    const { models } = resolvePreset(dual(), emulatorCatalog);
    expect(models.map((m) => [m.key, m.substitute ?? false])).toEqual([
      ['qwen2.5-7b-instruct', false],
      ['qwen2.5-7b-instruct', true],
    ]);
  });

  it('does the same on the unit fixture once its 7B coder is gone and a Qwen2-VL 7B is downloaded', () => {
    const catalog = [...fixtureCatalog.filter((m) => m.key !== 'qwen/qwen2.5-coder-7b-instruct'), qwen2Vl];
    const { models } = resolvePreset(dual(), catalog);
    expect(models.map((m) => [m.key, m.substitute ?? false])).toEqual([
      ['qwen/qwen2.5-7b-instruct', false],
      ['qwen/qwen2.5-7b-instruct', true],
    ]);
    // With its coder downloaded the slot is no stand-in.
    expect(
      resolvePreset(dual(), [...fixtureCatalog, qwen2Vl]).models.map((m) => [m.key, m.substitute ?? false]),
    ).toEqual([
      ['qwen/qwen2.5-7b-instruct', false],
      ['qwen/qwen2.5-coder-7b-instruct', false],
    ]);
  });

  it('still uses a vision model when it is the only one of the size', () => {
    const { models, missing } = resolvePreset(dual(), [qwen2Vl]);
    expect(missing).toEqual([]);
    expect(models.map((m) => m.key)).toEqual(['qwen2-vl-7b-instruct', 'qwen2-vl-7b-instruct']);
  });
});
