import { describe, expect, it } from 'vitest';
import { benchEvidence, taskOfBestFor } from '../../../shared/bench/bench-evidence';
import { summarize } from '../../../shared/bench/bench-stats';
import { qwen7bResult } from '../../support/result-fixture';

describe('benchmarks as router evidence', () => {
  it('maps "best for" in pt-BR or English to the router task', () => {
    expect(taskOfBestFor('Geração de código Python')).toBe('code');
    expect(taskOfBestFor('Resumo de documentos longos')).toBe('long-context');
    expect(taskOfBestFor('Sub-agents rápidos')).toBe('quick');
    expect(taskOfBestFor('Assistente geral')).toBe('chat');
    expect(taskOfBestFor('Chat geral e revisão de código')).toBe('chat');
    expect(taskOfBestFor('poesia')).toBeNull();
    expect(taskOfBestFor(null)).toBeNull();
  });

  it('gives each model the median speed and latency of its runs, and stars per task', () => {
    const a = qwen7bResult({
      id: 1,
      summary: { ...qwen7bResult().summary, tokensPerSecond: summarize([90]), ttftMs: summarize([100]) },
      human: { rating: 4, bestFor: 'código', issues: null, notes: null, ratedAt: 'x' },
    });
    const b = qwen7bResult({
      id: 2,
      summary: { ...qwen7bResult().summary, tokensPerSecond: summarize([110]), ttftMs: summarize([140]) },
      human: { rating: 2, bestFor: 'code review', issues: null, notes: null, ratedAt: 'x' },
    });
    const c = qwen7bResult({
      id: 3,
      model: { ...qwen7bResult().model, key: 'llama-3.2-3b-instruct' },
      human: { rating: null, bestFor: null, issues: null, notes: null, ratedAt: null },
    });
    const ev = benchEvidence([a, b, c]);
    expect(ev['qwen2.5-7b-instruct']).toMatchObject({
      tokensPerSecond: 100,
      ttftMs: 120,
      speedSamples: 2,
      stars: { code: { mean: 3, count: 2 } },
    });
    expect(ev['llama-3.2-3b-instruct']?.stars).toBeUndefined();
    expect(ev['llama-3.2-3b-instruct']?.tokensPerSecond).toBeCloseTo(98.2, 1);
  });

  it('gives nothing for no results', () => {
    expect(benchEvidence([])).toEqual({});
  });
});
