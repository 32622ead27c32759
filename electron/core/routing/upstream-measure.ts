/**
 * Pipes an upstream OpenAI-compatible answer to the client unchanged while reading just enough of it
 * to cost it: the usage chunk (or the number of streamed deltas) and when the first bytes came.
 */
import type { ServerResponse } from 'node:http';
import type { UpstreamResponse } from './upstream-request';

/** A value safe for an HTTP header (Node refuses characters outside Latin-1): arrows, stars and emoji spelled out. */
export function headerSafe(text: string): string {
  return text
    .replace(/→/g, '->')
    .replace(/☁\s*/g, '')
    .replace(/👍/g, '+')
    .replace(/👎/g, '-')
    .replace(/★/g, ' stars')
    .replace(/[^\x20-\x7e]/g, (c) => encodeURIComponent(c))
    .slice(0, 512);
}

export interface UpstreamMeasure {
  completionTokens: number;
  /** Response start → first body bytes, ms; null when the body was empty. */
  firstBytesMs: number | null;
  /** Generation speed over the streamed deltas after the first; null for a non-streamed answer or too few deltas. */
  tokensPerSecond: number | null;
}

function usageTokens(text: string): number | null {
  const m = /"completion_tokens"\s*:\s*(\d+)/.exec(text);
  return m ? Number(m[1]) : null;
}

/** Copy `upstream`'s body to `res` (respecting back-pressure), then end it; returns what was measured. */
export async function measureUpstreamBody(upstream: UpstreamResponse, res: ServerResponse, signal: AbortSignal): Promise<UpstreamMeasure> {
  const t0 = performance.now();
  let firstBytesMs: number | null = null;
  let tail = '';
  let deltas = 0;
  let firstDeltaAt: number | null = null;
  let lastDeltaAt = 0;
  const decoder = new TextDecoder();
  try {
    for await (const value of upstream.body) {
      if (firstBytesMs === null) firstBytesMs = performance.now() - t0;
      const text = decoder.decode(value, { stream: true });
      const n = (text.match(/"delta":\{[^}]*"content":"/g) ?? []).length;
      if (n > 0) {
        lastDeltaAt = performance.now();
        firstDeltaAt ??= lastDeltaAt;
        deltas += n;
      }
      tail = (tail + text).slice(-16_384);
      if (!res.write(value)) await new Promise<void>((resolve) => { res.once('drain', resolve); res.once('close', resolve); });
      if (signal.aborted || res.destroyed) {
        upstream.cancel();
        break;
      }
    }
    if (!res.destroyed) res.end();
  } catch {
    // The upstream dropped mid-answer: cut the client's connection too, so it sees the failure.
    res.destroy();
  }
  const tokensPerSecond = firstDeltaAt !== null && deltas > 1 && lastDeltaAt > firstDeltaAt ? (deltas - 1) / ((lastDeltaAt - firstDeltaAt) / 1000) : null;
  return { completionTokens: usageTokens(tail) ?? deltas, firstBytesMs, tokensPerSecond };
}
