/** The Markdown export against the user's "Template de Benchmark", line for line, and against goldens. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatStars, renderBenchMarkdown, renderBenchMarkdownAll } from '../../../shared/bench/render-bench-markdown';
import { benchExportStrings } from '../../../shared/bench/bench-export-strings';
import { FIXTURES, templateLines } from '../../support/document-source';
import { qwen7bResult } from '../../support/result-fixture';
import { expectGolden as expectFileGolden } from '../../support/golden-file';

/** Compare with a golden file in tests/fixtures/bench (UPDATE_GOLDEN=1 rewrites it, outside CI only). */
const expectGolden = (actual: string, name: string) => expectFileGolden(actual, path.join(FIXTURES, name));

/** "**Speed**: X tok/s" → "**Speed**: "; the heading → "## ". */
const labelOf = (line: string) => (line.startsWith('## ') ? '## ' : (/^\*\*[^*]+\*\*: /.exec(line)?.[0] ?? line));

describe('benchmark Markdown in the document template', () => {
  it('has exactly the template lines, in order, with the same labels', () => {
    const template = templateLines();
    expect(template[0]).toBe('## [Modelo] - [Quantização]');
    for (const locale of ['pt-BR', 'en'] as const) {
      const out = renderBenchMarkdown(qwen7bResult(), locale).replace(/\n$/, '').split('\n');
      expect(out.map(labelOf)).toEqual(template.map(labelOf));
    }
  });

  it('fills the template the way the document writes it', () => {
    const lines = renderBenchMarkdown(qwen7bResult()).split('\n');
    expect(lines[0]).toBe('## Qwen2.5 7B Instruct - Q4_K_M');
    expect(lines[2]).toBe('**Hardware**: GPU (NVIDIA GeForce RTX 3090)');
    expect(lines[3]).toMatch(/^\*\*Speed\*\*: 98\.2 tok\/s \(estimativa do documento: ~80-120 tok\/s ✅ dentro\)$/);
    expect(lines[4]).toBe('**First token latency**: 142ms');
    expect(lines[5]).toBe('**Context tested**: 5731 tokens');
    expect(lines[6]).toBe('**Quality**: ⭐⭐⭐⭐☆ (4/5)');
    expect(lines[7]).toBe('**Best for**: Chat geral e revisão de código');
    expect(lines[8]).toBe('**Issues**: Inventou uma função da API uma vez');
    expect(lines[9]).toMatch(
      /^\*\*Notes\*\*: Respostas em pt-BR naturais\. Medido pelo Loadout 0\.1\.0 em 2026-11-26 \(3 execuções/,
    );
  });

  it('matches the golden exports (pt-BR and English)', () => {
    expectGolden(renderBenchMarkdown(qwen7bResult(), 'pt-BR'), 'qwen2.5-7b-q4km.pt-BR.md');
    expectGolden(renderBenchMarkdown(qwen7bResult(), 'en'), 'qwen2.5-7b-q4km.en.md');
  });

  it('says "not rated" rather than inventing a verdict, and "Nenhum" only once the user answered', () => {
    const unrated = renderBenchMarkdown(
      qwen7bResult({ human: { rating: null, bestFor: null, issues: null, notes: null, ratedAt: null } }),
    );
    expect(unrated).toContain('**Quality**: ☆☆☆☆☆ (não avaliado)');
    expect(unrated).toContain('**Issues**: (não avaliado)');
    const noIssues = renderBenchMarkdown(
      qwen7bResult({
        human: { rating: 5, bestFor: 'Sub-agents', issues: null, notes: null, ratedAt: '2026-11-26T04:00:00.000Z' },
      }),
    );
    expect(noIssues).toContain('**Issues**: Nenhum');
    expect(noIssues).toContain('**Quality**: ⭐⭐⭐⭐⭐ (5/5)');
  });

  it('keeps multi-line answers on their template line', () => {
    const out = renderBenchMarkdown(
      qwen7bResult({
        human: { rating: 3, bestFor: 'code\nand chat', issues: 'one\n\ntwo', notes: null, ratedAt: 'x' },
      }),
    );
    expect(out).toContain('**Best for**: code and chat\n');
    expect(out).toContain('**Issues**: one two\n');
    expect(out.split('\n')).toHaveLength(11);
  });

  it('names CPU, split and undetermined devices, and a missing document row', () => {
    expect(renderBenchMarkdown(qwen7bResult({ device: 'cpu' }))).toContain(
      '**Hardware**: CPU (AMD Ryzen 7 9800X3D 8-Core Processor)',
    );
    const split = qwen7bResult({
      device: 'split',
      load: { ...qwen7bResult().load, gpuOffload: 0.6 },
      estimates: { ...qwen7bResult().estimates, document: null },
    });
    expect(renderBenchMarkdown(split, 'en')).toContain('**Hardware**: GPU + CPU (60 % on the GPU)');
    expect(renderBenchMarkdown(split, 'en')).toContain('(no estimate in the document)');
    expect(renderBenchMarkdown(qwen7bResult({ device: 'unknown' }))).toContain(
      '**Hardware**: GPU / CPU (não determinado)',
    );
  });

  it('exports several results oldest first, one template block each', () => {
    const older = qwen7bResult({
      id: 3,
      startedAt: '2026-11-20T10:00:00.000Z',
      model: { ...qwen7bResult().model, displayName: 'Older' },
    });
    const all = renderBenchMarkdownAll([qwen7bResult(), older]);
    expect(all.indexOf('## Older - Q4_K_M')).toBeLessThan(all.indexOf('## Qwen2.5 7B Instruct - Q4_K_M'));
    expect(all.match(/^## /gm)).toHaveLength(2);
  });

  it('draws 1 to 5 stars', () => {
    const s = benchExportStrings('en');
    expect(formatStars(1, s)).toBe('⭐☆☆☆☆ (1/5)');
    expect(formatStars(4, s)).toBe('⭐⭐⭐⭐☆ (4/5)');
  });
});
