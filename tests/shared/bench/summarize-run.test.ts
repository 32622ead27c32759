import { describe, expect, it } from 'vitest';
import type { PromptMeasurement } from '../../../shared/bench/bench-record';
import { buildBenchSuite } from '../../../shared/bench/bench-suite';
import {
  generationSpeed,
  promptProcessingSpeed,
  summarizePrompts,
  summarizeRun,
} from '../../../shared/bench/summarize-run';

const suite = buildBenchSuite({ contextLength: 4096, languages: ['en'] });
const m = (
  promptId: string,
  repetition: number,
  tps: number,
  ttft: number,
  promptTokens: number,
): PromptMeasurement => ({
  promptId,
  repetition,
  tokensPerSecond: tps,
  ttftMs: ttft,
  promptTokens,
  promptTokensPerSecond: promptProcessingSpeed(promptTokens, ttft),
  completionTokens: 50,
  totalMs: 1000,
  finishReason: 'length',
});

describe('run summary', () => {
  const measurements = [1, 2, 3].flatMap((r) => [
    m('short-en', r, 100 + r, 100 + r, 30),
    m('long-en', r, 98, 120, 60),
    m('code-en', r, 97, 130, 50),
    m('long-context-en', r, 60, 2000, 3000),
  ]);

  it('headlines generation without the long-context prompt, TTFT of short prompts, prompt speed of the long one', () => {
    const s = summarizeRun(suite, measurements);
    expect(s.tokensPerSecond.median).toBe(98);
    expect(s.tokensPerSecond.samples).toBe(9);
    expect(s.ttftMs.median).toBe(102);
    expect(s.promptTokensPerSecond.median).toBe(1500);
    expect(s.longContextTtftMs.median).toBe(2000);
    expect(s.contextTestedTokens).toBe(3000);
    expect(s.completionTokens).toBe(600);
    expect(s.totalMs).toBe(12000);
  });

  it('summarizes each prompt over the repetitions', () => {
    const p = summarizePrompts(suite, measurements);
    expect(p.map((x) => x.promptId)).toEqual(['short-en', 'long-en', 'code-en', 'long-context-en']);
    expect(p[0]!.tokensPerSecond).toMatchObject({ median: 102, min: 101, max: 103 });
  });

  it('computes prompt speed only from what is known', () => {
    expect(promptProcessingSpeed(1000, 500)).toBe(2000);
    expect(promptProcessingSpeed(null, 500)).toBeNull();
    expect(promptProcessingSpeed(1000, 0)).toBeNull();
  });
});

describe('generation speed of one answer', () => {
  it("keeps the chat service's per-piece speed when every piece is one token", () => {
    expect(generationSpeed({ tokensPerSecond: 100, completionTokens: 101, ttftMs: 200, durationMs: 1210 })).toBe(100);
  });

  it('uses the usage count when the server packed several tokens per piece', () => {
    // 201 tokens in 1 s after the first, but only 101 pieces: the per-piece speed says 100, the truth is 200.
    expect(generationSpeed({ tokensPerSecond: 100, completionTokens: 201, ttftMs: 200, durationMs: 1200 })).toBe(200);
  });

  it('falls back to the usage count, or nothing, when pieces cannot be timed', () => {
    expect(generationSpeed({ tokensPerSecond: null, completionTokens: 11, ttftMs: 100, durationMs: 600 })).toBe(20);
    expect(generationSpeed({ tokensPerSecond: null, completionTokens: 1, ttftMs: 100, durationMs: 600 })).toBeNull();
    expect(generationSpeed({ tokensPerSecond: null, completionTokens: 10, ttftMs: null, durationMs: 600 })).toBeNull();
  });
});
