/**
 * The exported figures against values worked out by hand from the fixture's raw measurements (issue 15),
 * so a golden file rewritten from wrong output cannot pass; the ≥ 100 tok/s format; the refusal of a
 * golden update under CI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSpeed, renderBenchMarkdown, renderBenchMarkdownAll } from '../../../shared/bench/render-bench-markdown';
import { summarize } from '../../../shared/bench/bench-stats';
import { FIXTURES } from '../../support/document-source';
import { qwen7bResult } from '../../support/result-fixture';
import { expectGolden, goldenMode } from '../../support/golden-file';

describe('the golden export holds the figures the measurements give', () => {
  // Speeds 96.2 97.1 97.9 98.4 98.8 99.0: median (97.9 + 98.4) / 2 = 98.15 → "98.2";
  // spread (99.0 − 96.2) / 98.15 = 2.85 %, shown as ± half of it: "±1.4 %".
  // TTFT 138 142 151 → 142; prompt 2950 2988 3010 → 2988; long-context TTFT 1905 1930 1962 → 1930.
  // Peaks 6.912e9 and 31.02e9 bytes → 6.9 GB, 31.0 GB; energy 2.0506 → 2.05 Wh/1k, 5.84 Wh per run;
  // Loadout's point estimate 101.75 → ~102 tok/s.
  const expected = [
    '**Speed**: 98.2 tok/s (document estimate: ~80-120 tok/s ✅ inside)',
    '**First token latency**: 142ms',
    '**Context tested**: 5731 tokens',
    '(3 runs, spread ±1.4 %): prompt processing 2988 tok/s; first token with long context 1930ms; peak VRAM 6.9 GB; peak RAM 31.0 GB;' +
      ' energy 2.05 Wh/1k tokens (5.84 Wh per run); Loadout estimate ~102 tok/s (✅ inside); loaded context 8192; LM Studio 0.4.4+1, driver 581.80.',
  ];
  const golden = fs.readFileSync(path.join(FIXTURES, 'qwen2.5-7b-q4km.en.md'), 'utf8');
  for (const figure of expected) {
    it(`golden and renderer both say: ${figure.slice(0, 40)}…`, () => {
      expect(golden).toContain(figure);
      expect(renderBenchMarkdown(qwen7bResult(), 'en')).toContain(figure);
    });
  }
});

describe('speed format', () => {
  it('shows one decimal under 100 tok/s and none from 100 up', () => {
    expect(formatSpeed(87.34)).toBe('87.3');
    expect(formatSpeed(99.94)).toBe('99.9');
    expect(formatSpeed(100)).toBe('100');
    expect(formatSpeed(123.6)).toBe('124');
    const fast = qwen7bResult({ summary: { ...qwen7bResult().summary, tokensPerSecond: summarize([123.4, 123.8]) } });
    expect(renderBenchMarkdown(fast, 'en')).toContain('**Speed**: 124 tok/s');
  });

  it('shows a dash for what was not measured, and says when the quantization is unknown', () => {
    const empty = summarize([]);
    const r = qwen7bResult({
      summary: { ...qwen7bResult().summary, tokensPerSecond: empty, ttftMs: empty, contextTestedTokens: null },
      model: { ...qwen7bResult().model, quantization: null },
    });
    const lines = renderBenchMarkdown(r, 'en').split('\n');
    expect(lines[0]).toBe('## Qwen2.5 7B Instruct - unknown quantization');
    expect(lines[3]).toBe('**Speed**: — (document estimate: ~80-120 tok/s ✅ inside)');
    expect(lines[4]).toBe('**First token latency**: —');
    expect(lines[5]).toBe('**Context tested**: —');
    expect(lines[9]).toContain('(3 runs, spread —)');
  });

  it('keeps the user note as written when it already ends a sentence, and names a split without a ratio', () => {
    const r = qwen7bResult({ device: 'split', human: { ...qwen7bResult().human, notes: 'Great!' } });
    const out = renderBenchMarkdown(r, 'en');
    expect(out).toContain('**Hardware**: GPU + CPU (split)');
    expect(out).toContain('**Notes**: Great! Measured by Loadout');
  });
});

describe('what the notes leave out', () => {
  it('names only what was measured: nothing unknown, a version only when known', () => {
    const base = qwen7bResult();
    const r = qwen7bResult({
      summary: { ...base.summary, promptTokensPerSecond: summarize([]), longContextTtftMs: summarize([]) },
      telemetry: { ...base.telemetry, peakVramBytes: null, peakRamBytes: null },
      energy: { ...base.energy, whPerRun: null },
      estimates: { ...base.estimates, loadout: { ...base.estimates.loadout!, pointTokensPerSecond: null } },
      load: { ...base.load, contextLength: null },
      versions: { lmStudio: null, driver: '581.80', loadout: '0.1.0' },
      human: { ...base.human, notes: 'Fine. Really' },
    });
    const notes = renderBenchMarkdown(r, 'en').split('\n')[9];
    expect(notes).toBe(
      '**Notes**: Fine. Really. Measured by Loadout 0.1.0 on 2026-11-26 (3 runs, spread ±1.4 %): driver 581.80.',
    );
    const noEnergyRate = qwen7bResult({
      energy: { ...base.energy, whPer1kTokens: null },
      versions: { lmStudio: null, driver: null, loadout: '0.1.0' },
    });
    expect(renderBenchMarkdown(noEnergyRate, 'en')).not.toMatch(/energy|driver|LM Studio/);
  });

  it('says "None" for issues once either a rating or a rating time is there', () => {
    const base = qwen7bResult();
    expect(renderBenchMarkdown(qwen7bResult({ human: { ...base.human, issues: null, rating: null } }), 'en')).toContain(
      '**Issues**: None',
    );
    expect(
      renderBenchMarkdown(qwen7bResult({ human: { ...base.human, issues: null, ratedAt: null } }), 'en'),
    ).toContain('**Issues**: None');
  });

  it('exports results of the same start by id, separated by a blank line', () => {
    const a = qwen7bResult({ id: 2, model: { ...qwen7bResult().model, displayName: 'A' } });
    const b = qwen7bResult({ id: 1, model: { ...qwen7bResult().model, displayName: 'B' } });
    const all = renderBenchMarkdownAll([a, b], 'en');
    expect(all.indexOf('## B')).toBeLessThan(all.indexOf('## A'));
    expect(all).toContain('.\n\n## A - Q4_K_M');
  });
});

describe('golden update mode', () => {
  it('compares unless UPDATE_GOLDEN=1, and refuses to rewrite under CI', () => {
    expect(goldenMode({})).toBe('compare');
    expect(goldenMode({ UPDATE_GOLDEN: '1' })).toBe('update');
    expect(goldenMode({ UPDATE_GOLDEN: '1', CI: 'false' })).toBe('update');
    expect(() => goldenMode({ UPDATE_GOLDEN: '1', CI: 'true' })).toThrow(/refused because CI is set.*Run it locally/);
  });

  it('under CI leaves the golden file as it was', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-'));
    const file = path.join(dir, 'out.md');
    fs.writeFileSync(file, 'reviewed\n');
    expect(() => expectGolden('new output\n', file, { UPDATE_GOLDEN: '1', CI: 'true' })).toThrow();
    expect(fs.readFileSync(file, 'utf8')).toBe('reviewed\n');
    expectGolden('new output\n', file, { UPDATE_GOLDEN: '1' });
    expect(fs.readFileSync(file, 'utf8')).toBe('new output\n');
    fs.rmSync(dir, { recursive: true });
  });
});
