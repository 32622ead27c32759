/**
 * The router's feed: stored benchmark results as the router's evidence (shared/routing/build-evidence):
 * each result's median speed and first-token latency, and its quality stars for the task the user said
 * it is best for (or for any task when that names none the router knows).
 */
import { buildEvidence, type BenchmarkSample } from '../routing/build-evidence';
import type { RoutingEvidence, TaskKind } from '../routing/types';
import type { BenchResult } from './bench-record';

const TASK_WORDS: ReadonlyArray<[TaskKind, RegExp]> = [
  ['code', /\b(code|coding|c[oó]digo|programa[çc][aã]o|dev|snippets?|refactor|python|typescript|javascript)\b/i],
  ['vision', /\b(vision|vis[aã]o|images?|imagens?|ocr|screenshots?)\b/i],
  ['long-context', /\b(long[- ]context|contexto longo|documents?|documentos?|summar\w*|resum\w*|rag)\b/i],
  ['quick', /\b(quick|fast|r[aá]pid\w*|sub-?agents?|bulk|simple|simples)\b/i],
  ['chat', /\b(chat|assistant|assistente|general|geral|conversa\w*)\b/i],
];

/** The router task a "best for" text names first ("chat e código" → chat), or null (then the stars count for any task). */
export function taskOfBestFor(bestFor: string | null): TaskKind | null {
  if (!bestFor) return null;
  let best: { task: TaskKind; at: number } | null = null;
  for (const [task, pattern] of TASK_WORDS) {
    const at = bestFor.search(pattern);
    if (at >= 0 && (!best || at < best.at)) best = { task, at };
  }
  return best?.task ?? null;
}

/** Benchmark results as the router's BenchmarkSample list (one per result). */
export function benchSamples(results: readonly BenchResult[]): BenchmarkSample[] {
  return results.map((r) => ({
    modelKey: r.model.key,
    tokensPerSecond: r.summary.tokensPerSecond.median,
    ttftMs: r.summary.ttftMs.median,
    stars: r.human.rating,
    task: taskOfBestFor(r.human.bestFor),
  }));
}

/** Stored benchmark results → the router's evidence (newest results first count first). */
export function benchEvidence(results: readonly BenchResult[]): RoutingEvidence {
  const newestFirst = [...results].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return buildEvidence([], benchSamples(newestFirst));
}
