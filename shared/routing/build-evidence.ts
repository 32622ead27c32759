/**
 * Turns what this machine measured and the user said into the router's evidence: median speed and
 * time to first token per model (recent answers and benchmark runs), 👍/👎 per task, benchmark stars.
 */
import type { ModelEvidence, RoutingEvidence, TaskKind } from './types';

/** One past answer (from the chat history): how fast it was, and the user's rating if any. */
export interface AnswerSample {
  modelKey: string;
  task: TaskKind | null;
  tokensPerSecond: number | null;
  ttftMs: number | null;
  /** 1 = 👍, -1 = 👎, null = not rated. */
  rating: 1 | -1 | null;
}

/** One benchmark run (the benchmarks feature feeds these): speed, latency and the user's quality stars. */
export interface BenchmarkSample {
  modelKey: string;
  tokensPerSecond: number | null;
  ttftMs: number | null;
  /** 1..5 as the user rated the run; null = not rated. */
  stars: number | null;
  /** The task the run's prompt stands for; null = the whole suite (counts for any task). */
  task: TaskKind | null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Build the evidence. `answers` newest first; only the newest `recent` speed measurements per model
 * count (a driver update or a new quantization changes speed), ratings all count.
 */
export function buildEvidence(
  answers: readonly AnswerSample[],
  benchmarks: readonly BenchmarkSample[] = [],
  recent = 30,
): RoutingEvidence {
  const acc = new Map<string, { tps: number[]; ttft: number[]; ev: ModelEvidence }>();
  const get = (key: string) => {
    let a = acc.get(key);
    if (!a) {
      a = { tps: [], ttft: [], ev: {} };
      acc.set(key, a);
    }
    return a;
  };
  for (const s of answers) {
    const a = get(s.modelKey);
    if (
      s.tokensPerSecond !== null &&
      s.tokensPerSecond > 0 &&
      Number.isFinite(s.tokensPerSecond) &&
      a.tps.length < recent
    )
      a.tps.push(s.tokensPerSecond);
    if (s.ttftMs !== null && s.ttftMs >= 0 && Number.isFinite(s.ttftMs) && a.ttft.length < recent)
      a.ttft.push(s.ttftMs);
    if (s.rating !== null && s.task) {
      const r = ((a.ev.ratings ??= {})[s.task] ??= { up: 0, down: 0 });
      if (s.rating > 0) r.up++;
      else r.down++;
    }
  }
  const stars = new Map<string, Map<TaskKind | 'any', number[]>>();
  for (const b of benchmarks) {
    const a = get(b.modelKey);
    if (b.tokensPerSecond !== null && b.tokensPerSecond > 0 && a.tps.length < recent) a.tps.push(b.tokensPerSecond);
    if (b.ttftMs !== null && b.ttftMs >= 0 && a.ttft.length < recent) a.ttft.push(b.ttftMs);
    if (b.stars !== null && b.stars >= 1 && b.stars <= 5) {
      const m = stars.get(b.modelKey) ?? new Map<TaskKind | 'any', number[]>();
      stars.set(b.modelKey, m);
      const list = m.get(b.task ?? 'any') ?? [];
      list.push(b.stars);
      m.set(b.task ?? 'any', list);
    }
  }
  const out: RoutingEvidence = {};
  for (const [key, a] of acc) {
    const ev = a.ev;
    const tps = median(a.tps);
    if (tps !== null) {
      ev.tokensPerSecond = Math.round(tps * 10) / 10;
      ev.speedSamples = a.tps.length;
    }
    const ttft = median(a.ttft);
    if (ttft !== null) ev.ttftMs = Math.round(ttft);
    const st = stars.get(key);
    if (st) {
      ev.stars = {};
      for (const [task, list] of st)
        ev.stars[task] = { mean: list.reduce((x, y) => x + y, 0) / list.length, count: list.length };
    }
    if (Object.keys(ev).length > 0) out[key] = ev;
  }
  return out;
}
