/** Evidence from past answers and benchmark runs: medians of recent speed, ratings per task, stars. */
import { describe, expect, it } from 'vitest';
import { buildEvidence, type AnswerSample } from '../../../shared/routing/build-evidence';

const answer = (over: Partial<AnswerSample>): AnswerSample => ({
  modelKey: 'qwen2.5-7b-instruct',
  task: 'chat',
  tokensPerSecond: null,
  ttftMs: null,
  rating: null,
  ...over,
});

describe('buildEvidence', () => {
  it('takes the median of the newest measurements and counts ratings per task', () => {
    const ev = buildEvidence(
      [
        answer({ tokensPerSecond: 80, ttftMs: 100, rating: 1 }),
        answer({ tokensPerSecond: 90, ttftMs: 300, task: 'code', rating: -1 }),
        answer({ tokensPerSecond: 10, ttftMs: 200, rating: 1 }),
        answer({ tokensPerSecond: 5000, ttftMs: 9999 }), // older than `recent`: ignored
      ],
      [],
      3,
    );
    expect(ev['qwen2.5-7b-instruct']).toEqual({
      tokensPerSecond: 80,
      speedSamples: 3,
      ttftMs: 200,
      ratings: { chat: { up: 2, down: 0 }, code: { up: 0, down: 1 } },
    });
  });

  it('adds benchmark speed and stars (per task, or for any task); odd values are skipped', () => {
    const ev = buildEvidence(
      [answer({ tokensPerSecond: Number.NaN, ttftMs: -1 })],
      [
        { modelKey: 'llama-3.2-3b-instruct', tokensPerSecond: 150, ttftMs: 80, stars: 4, task: null },
        { modelKey: 'llama-3.2-3b-instruct', tokensPerSecond: 140, ttftMs: 90, stars: 2, task: 'code' },
        { modelKey: 'llama-3.2-3b-instruct', tokensPerSecond: null, ttftMs: null, stars: 9, task: null },
      ],
    );
    expect(ev['llama-3.2-3b-instruct']).toEqual({
      tokensPerSecond: 145,
      speedSamples: 2,
      ttftMs: 85,
      stars: { any: { mean: 4, count: 1 }, code: { mean: 2, count: 1 } },
    });
    expect(ev['qwen2.5-7b-instruct']).toBeUndefined();
  });
});
