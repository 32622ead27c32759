/**
 * Pipes an upstream OpenAI-compatible answer to the client unchanged while reading just enough of it
 * to cost it: the usage chunk (or the number of streamed deltas) and when the first bytes came.
 */
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
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

const USAGE = /"completion_tokens"\s*:\s*(\d+)/;
const DELTA = /"delta":\{[^}]*"content":"/g;
const TAIL_CHARS = 16_384;

/**
 * Reads just enough of each chunk: streamed content deltas and the last 16 KiB (where the usage
 * chunk is). Bytes are read as Latin-1: every JSON delimiter is ASCII and no UTF-8 byte of a
 * multi-byte character is, so the patterns match as in UTF-8, without a decoder's state or cost.
 */
export function createUpstreamMeter(t0 = performance.now()): { chunk(bytes: Uint8Array): void; result(): UpstreamMeasure } {
  let firstBytesMs: number | null = null;
  let tail = '';
  let deltas = 0;
  let firstDeltaAt: number | null = null;
  let lastDeltaAt = 0;
  return {
    chunk(bytes) {
      const now = performance.now();
      if (firstBytesMs === null) firstBytesMs = now - t0;
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      DELTA.lastIndex = 0;
      let n = 0;
      while (DELTA.exec(text) !== null) n++;
      if (n > 0) {
        lastDeltaAt = now;
        firstDeltaAt ??= now;
        deltas += n;
      }
      tail = text.length >= TAIL_CHARS ? text.slice(-TAIL_CHARS) : (tail + text).slice(-TAIL_CHARS);
    },
    result() {
      const tokensPerSecond = firstDeltaAt !== null && deltas > 1 && lastDeltaAt > firstDeltaAt ? (deltas - 1) / ((lastDeltaAt - firstDeltaAt) / 1000) : null;
      const usage = USAGE.exec(tail);
      return { completionTokens: usage ? Number(usage[1]) : deltas, firstBytesMs, tokensPerSecond };
    },
  };
}

/** Pipe a node stream: back-pressure and writes in Node's own code, the meter on 'data'; resolves when the copy ends or fails. */
function pipeReadable(body: Readable, res: ServerResponse, upstream: UpstreamResponse, signal: AbortSignal, meter: ReturnType<typeof createUpstreamMeter>): Promise<void> {
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = (failed: boolean) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      res.off('close', onClientClose);
      if (failed) {
        body.unpipe(res);
        upstream.cancel();
        // The upstream dropped mid-answer: cut the client's connection too, so it sees the failure.
        res.destroy();
      }
      resolve();
    };
    const onAbort = () => {
      body.unpipe(res);
      upstream.cancel();
      finish(false);
    };
    const onClientClose = () => {
      if (!res.writableFinished) onAbort();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    res.once('close', onClientClose);
    body.on('data', meter.chunk);
    body.once('end', () => {
      // pipe() ends `res` after the last chunk; wait for it to flush before measuring is done.
      if (res.writableFinished || res.destroyed) finish(false);
      else res.once('finish', () => finish(false));
    });
    body.once('error', () => finish(true));
    body.once('close', () => {
      if (!body.readableEnded) finish(true);
    });
    body.pipe(res);
  });
}

/** Copy `upstream`'s body to `res` (respecting back-pressure), then end it; returns what was measured. */
export async function measureUpstreamBody(upstream: UpstreamResponse, res: ServerResponse, signal: AbortSignal): Promise<UpstreamMeasure> {
  const meter = createUpstreamMeter();
  if (upstream.body instanceof Readable) {
    if (signal.aborted) upstream.cancel();
    else await pipeReadable(upstream.body, res, upstream, signal, meter);
    return meter.result();
  }
  try {
    for await (const value of upstream.body) {
      meter.chunk(value);
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
  return meter.result();
}
