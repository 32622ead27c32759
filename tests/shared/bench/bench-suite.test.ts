import { describe, expect, it } from 'vitest';
import { buildBenchSuite, buildLongContextPrompt, longContextTarget } from '../../../shared/bench/bench-suite';
import { estimateTokens } from '../../../shared/routing/estimate-tokens';
import { detectLanguage } from '../../../shared/routing/detect-language';

describe('bench suite', () => {
  it('has short, long, code and long-context prompts in pt-BR and English, with stable ids', () => {
    const suite = buildBenchSuite({ contextLength: 8192 });
    expect(suite.map((p) => p.id)).toEqual([
      'short-pt-BR',
      'short-en',
      'long-pt-BR',
      'long-en',
      'code-pt-BR',
      'code-en',
      'long-context-pt-BR',
      'long-context-en',
    ]);
    for (const p of suite) expect(detectLanguage(p.user)).toBe(p.language === 'pt-BR' ? 'pt-BR' : 'en');
    expect(suite.find((p) => p.kind === 'code')?.task).toBe('code');
  });

  it('sizes the long-context prompt to the context asked for, leaving room for the answer', () => {
    for (const ctx of [2048, 4096, 8192, 32768]) {
      const suite = buildBenchSuite({ contextLength: ctx });
      const lc = suite.find((p) => p.id === 'long-context-en')!;
      const target = longContextTarget(ctx, lc.maxTokens);
      const tokens = estimateTokens(lc.user);
      expect(tokens).toBeLessThanOrEqual(target);
      expect(tokens).toBeGreaterThan(target * 0.95);
      expect(target + lc.maxTokens).toBeLessThan(ctx);
    }
  });

  it('hides the code word in the middle of the document and asks for it at the end', () => {
    const text = buildLongContextPrompt('pt-BR', 3000);
    const at = text.indexOf('GIRASSOL-42');
    expect(at).toBeGreaterThan(text.length * 0.3);
    expect(at).toBeLessThan(text.length * 0.7);
    expect(text.trimEnd().endsWith('três frases.')).toBe(true);
  });

  it('is deterministic and honours budgets and subsets', () => {
    expect(buildBenchSuite({ contextLength: 4096 })).toEqual(buildBenchSuite({ contextLength: 4096 }));
    const small = buildBenchSuite({
      contextLength: 4096,
      kinds: ['short'],
      languages: ['en'],
      maxTokens: { short: 10 },
    });
    expect(small).toHaveLength(1);
    expect(small[0]!.maxTokens).toBe(10);
  });

  it('never asks for more than a tiny context holds', () => {
    const lc = buildBenchSuite({ contextLength: 512 }).find((p) => p.kind === 'long-context')!;
    expect(estimateTokens(lc.user) + lc.maxTokens).toBeLessThan(512);
  });
});
