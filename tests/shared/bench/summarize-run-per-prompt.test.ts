/**
 * The per-prompt rows and the fallbacks of a run summary (issue 15): first-token and total times per
 * prompt, and which measurements a headline falls back to when the suite lacks a kind. Every expected
 * figure is worked out by hand from the measurements below, not read back from the code.
 */
import { describe, expect, it } from 'vitest';
import type { PromptMeasurement } from '../../../shared/bench/bench-record';
import { buildBenchSuite } from '../../../shared/bench/bench-suite';
import {
  generationSpeed,
  promptProcessingSpeed,
  summarizePrompts,
  summarizeRun,
} from '../../../shared/bench/summarize-run';

type Row = Pick<
  PromptMeasurement,
  'promptId' | 'tokensPerSecond' | 'ttftMs' | 'totalMs' | 'promptTokens' | 'promptTokensPerSecond' | 'completionTokens'
>;
const m = (row: Row, repetition = 1): PromptMeasurement => ({ repetition, finishReason: 'stop', ...row });

describe('per-prompt summary', () => {
  const suite = buildBenchSuite({ contextLength: 4096, languages: ['pt-BR'], kinds: ['short', 'code'] });
  const measurements = [
    m(
      {
        promptId: 'short-pt-BR',
        tokensPerSecond: 50,
        ttftMs: 90,
        totalMs: 900,
        promptTokens: 20,
        promptTokensPerSecond: 222,
        completionTokens: 40,
      },
      1,
    ),
    m(
      {
        promptId: 'code-pt-BR',
        tokensPerSecond: 40,
        ttftMs: 300,
        totalMs: 5000,
        promptTokens: null,
        promptTokensPerSecond: null,
        completionTokens: 200,
      },
      1,
    ),
    m(
      {
        promptId: 'short-pt-BR',
        tokensPerSecond: 60,
        ttftMs: 110,
        totalMs: 1300,
        promptTokens: 24,
        promptTokensPerSecond: 218,
        completionTokens: 44,
      },
      2,
    ),
    m(
      {
        promptId: 'code-pt-BR',
        tokensPerSecond: 42,
        ttftMs: 340,
        totalMs: 5400,
        promptTokens: 80,
        promptTokensPerSecond: 235,
        completionTokens: 210,
      },
      2,
    ),
    // A measurement of a prompt the suite does not have is no prompt's row.
    m(
      {
        promptId: 'gone',
        tokensPerSecond: 1,
        ttftMs: 1,
        totalMs: 1,
        promptTokens: 1,
        promptTokensPerSecond: 1,
        completionTokens: 1,
      },
      1,
    ),
  ];

  it('gives each prompt its kind, language, first-token and total times over its own repetitions', () => {
    const [short, code] = summarizePrompts(suite, measurements);
    expect(short).toMatchObject({
      promptId: 'short-pt-BR',
      kind: 'short',
      language: 'pt-BR',
      promptTokens: 22,
      completionTokens: 42,
    });
    expect(short!.ttftMs).toEqual({ median: 100, min: 90, max: 110, spreadPercent: 20, samples: 2 });
    expect(short!.totalMs).toEqual({
      median: 1100,
      min: 900,
      max: 1300,
      spreadPercent: (400 / 1100) * 100,
      samples: 2,
    });
    expect(short!.promptTokensPerSecond).toMatchObject({ median: 220, min: 218, max: 222 });
    expect(short!.tokensPerSecond).toMatchObject({ median: 55, samples: 2 });
    expect(code).toMatchObject({ promptId: 'code-pt-BR', kind: 'code', promptTokens: 80, completionTokens: 205 });
    expect(code!.ttftMs).toMatchObject({ median: 320, min: 300, max: 340 });
    expect(code!.totalMs).toMatchObject({ median: 5200, min: 5000, max: 5400 });
    expect(code!.promptTokensPerSecond).toMatchObject({ median: 235, samples: 1 });
  });

  it('has no prompt size when no repetition reported one', () => {
    const [, code] = summarizePrompts(
      suite,
      measurements.filter((x) => x.promptTokens === null),
    );
    expect(code!.promptTokens).toBeNull();
  });
});

describe('run headline fallbacks', () => {
  it('without long-context prompts: prompt speed from every prompt, no long-context latency', () => {
    const suite = buildBenchSuite({ contextLength: 4096, languages: ['en'], kinds: ['short', 'code'] });
    const s = summarizeRun(suite, [
      m({
        promptId: 'short-en',
        tokensPerSecond: 50,
        ttftMs: 100,
        totalMs: 1000,
        promptTokens: 20,
        promptTokensPerSecond: 200,
        completionTokens: 10,
      }),
      m({
        promptId: 'code-en',
        tokensPerSecond: 40,
        ttftMs: 400,
        totalMs: 3000,
        promptTokens: 90,
        promptTokensPerSecond: 300,
        completionTokens: 30,
      }),
    ]);
    expect(s.promptTokensPerSecond.median).toBe(250);
    expect(s.longContextTtftMs).toEqual({ median: null, min: null, max: null, spreadPercent: null, samples: 0 });
    // First-token latency is the short prompts' only.
    expect(s.ttftMs).toMatchObject({ median: 100, samples: 1 });
    expect(s.tokensPerSecond).toMatchObject({ median: 45, samples: 2 });
    expect(s).toMatchObject({ totalMs: 4000, completionTokens: 40, contextTestedTokens: 90 });
  });

  it('without short prompts: first-token latency from every prompt', () => {
    const suite = buildBenchSuite({ contextLength: 4096, languages: ['en'], kinds: ['code', 'long-context'] });
    const s = summarizeRun(suite, [
      m({
        promptId: 'code-en',
        tokensPerSecond: 40,
        ttftMs: 400,
        totalMs: 3000,
        promptTokens: null,
        promptTokensPerSecond: null,
        completionTokens: 30,
      }),
      m({
        promptId: 'long-context-en',
        tokensPerSecond: 20,
        ttftMs: 2000,
        totalMs: 9000,
        promptTokens: null,
        promptTokensPerSecond: 1500,
        completionTokens: 30,
      }),
    ]);
    expect(s.ttftMs).toMatchObject({ median: 1200, samples: 2 });
    expect(s.longContextTtftMs).toMatchObject({ median: 2000, samples: 1 });
    expect(s.promptTokensPerSecond).toMatchObject({ median: 1500, samples: 1 });
    expect(s.tokensPerSecond).toMatchObject({ median: 40, samples: 1 });
    expect(s.contextTestedTokens).toBeNull();
  });

  it('with only long-context prompts: generation speed from them', () => {
    const suite = buildBenchSuite({ contextLength: 4096, languages: ['en'], kinds: ['long-context'] });
    const s = summarizeRun(suite, [
      m({
        promptId: 'long-context-en',
        tokensPerSecond: 20,
        ttftMs: 2000,
        totalMs: 9000,
        promptTokens: 3000,
        promptTokensPerSecond: 1500,
        completionTokens: 30,
      }),
    ]);
    expect(s.tokensPerSecond).toMatchObject({ median: 20, samples: 1 });
  });
});

describe('prompt processing speed', () => {
  it('is unknown without a prompt size, a first-token time, or any prompt at all', () => {
    expect(promptProcessingSpeed(1000, null)).toBeNull();
    expect(promptProcessingSpeed(0, 500)).toBeNull();
    expect(promptProcessingSpeed(1000, -5)).toBeNull();
  });
});

describe('generation speed edges', () => {
  it('trusts the per-piece speed up to 1.2 times it, the usage count only beyond', () => {
    // 121 tokens, 1 s after the first: 120 tok/s by usage, exactly 1.2 × 100.
    expect(generationSpeed({ tokensPerSecond: 100, completionTokens: 121, ttftMs: 200, durationMs: 1200 })).toBe(100);
    expect(generationSpeed({ tokensPerSecond: 100, completionTokens: 122, ttftMs: 200, durationMs: 1200 })).toBe(121);
  });

  it('has no usage speed when nothing streamed after the first token, or only one token came', () => {
    expect(generationSpeed({ tokensPerSecond: null, completionTokens: 10, ttftMs: 600, durationMs: 600 })).toBeNull();
    expect(generationSpeed({ tokensPerSecond: null, completionTokens: 2, ttftMs: 100, durationMs: 600 })).toBe(2);
  });
});
