/** Turns the raw per-prompt measurements of a run into per-prompt and headline medians and spreads. */
import type { BenchResult, PromptMeasurement, PromptSummary } from './bench-record';
import { median, summarize } from './bench-stats';
import type { BenchPrompt } from './bench-suite';

/** Per-prompt medians and spreads over the repetitions, in suite order. */
export function summarizePrompts(
  suite: readonly BenchPrompt[],
  measurements: readonly PromptMeasurement[],
): PromptSummary[] {
  return suite.map((p) => {
    const mine = measurements.filter((m) => m.promptId === p.id);
    const promptTokens = median(mine.map((m) => m.promptTokens).filter((v): v is number => v !== null));
    return {
      promptId: p.id,
      kind: p.kind,
      language: p.language,
      tokensPerSecond: summarize(mine.map((m) => m.tokensPerSecond)),
      ttftMs: summarize(mine.map((m) => m.ttftMs)),
      promptTokensPerSecond: summarize(mine.map((m) => m.promptTokensPerSecond)),
      totalMs: summarize(mine.map((m) => m.totalMs)),
      promptTokens,
      completionTokens: median(mine.map((m) => m.completionTokens)),
    };
  });
}

/**
 * The headline figures. Generation speed: every answer but the long-context ones (a full KV cache
 * slows generation; that is a different question). First-token latency: the short prompts (what a
 * person waits for in a chat). Prompt processing: the long-context prompts (the only ones long enough
 * to measure it), falling back to all prompts when the suite has none.
 */
export function summarizeRun(
  suite: readonly BenchPrompt[],
  measurements: readonly PromptMeasurement[],
): BenchResult['summary'] {
  const kindOf = new Map(suite.map((p) => [p.id, p.kind]));
  const pick = (keep: (kind: string | undefined) => boolean) =>
    measurements.filter((m) => keep(kindOf.get(m.promptId)));
  const generation = pick((k) => k !== 'long-context');
  const short = pick((k) => k === 'short');
  const longContext = pick((k) => k === 'long-context');
  const promptTokens = measurements.map((m) => m.promptTokens).filter((v): v is number => v !== null);
  return {
    tokensPerSecond: summarize((generation.length ? generation : measurements).map((m) => m.tokensPerSecond)),
    ttftMs: summarize((short.length ? short : measurements).map((m) => m.ttftMs)),
    promptTokensPerSecond: summarize(
      (longContext.length ? longContext : measurements).map((m) => m.promptTokensPerSecond),
    ),
    longContextTtftMs: summarize(longContext.map((m) => m.ttftMs)),
    totalMs: measurements.reduce((s, m) => s + m.totalMs, 0),
    completionTokens: measurements.reduce((s, m) => s + m.completionTokens, 0),
    contextTestedTokens: promptTokens.length ? Math.max(...promptTokens) : null,
  };
}

/** Prompt tokens per second from the prompt size and the time to first token; null when either is unknown. */
export function promptProcessingSpeed(promptTokens: number | null, ttftMs: number | null): number | null {
  if (promptTokens === null || ttftMs === null || !(ttftMs > 0) || promptTokens <= 0) return null;
  return promptTokens / (ttftMs / 1000);
}

/** Above this ratio the server sent several tokens per streamed piece (see generationSpeed). */
const PACKED_RATIO = 1.2;

/**
 * Generation speed of one answer. The chat service counts streamed pieces between the first and the
 * last; a server that packs several tokens into one piece makes that count too low. The usage count
 * over the time after the first token catches it: when it is clearly higher, it is the one to trust.
 */
export function generationSpeed(answer: {
  tokensPerSecond: number | null;
  completionTokens: number;
  ttftMs: number | null;
  durationMs: number;
}): number | null {
  const streamMs = answer.ttftMs === null ? null : answer.durationMs - answer.ttftMs;
  const byUsage =
    streamMs !== null && streamMs > 0 && answer.completionTokens >= 2
      ? (answer.completionTokens - 1) / (streamMs / 1000)
      : null;
  if (answer.tokensPerSecond === null) return byUsage;
  return byUsage !== null && byUsage > answer.tokensPerSecond * PACKED_RATIO ? byUsage : answer.tokensPerSecond;
}
