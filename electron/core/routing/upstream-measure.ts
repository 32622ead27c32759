/**
 * Pipes an upstream OpenAI-compatible answer to the client unchanged while reading just enough of it
 * to cost it: the usage chunk (or the number of streamed deltas) and when the first bytes came. A
 * stream that ends without a finish_reason or [DONE] stopped halfway: the client gets an error event
 * after the partial text (the OpenAI SDKs throw an APIError on `data: {"error": …}`), never a clean end.
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
  /** The answer says it is whole: a finish_reason or a `[DONE]` in its last bytes. */
  finished: boolean;
}

const USAGE = /"completion_tokens"\s*:\s*(\d+)/;
const DELTA = /"delta":\{[^}]*"content":"/g;
const TAIL_CHARS = 16_384;
// The last chunk of a whole streamed answer carries one (LM Studio, OpenAI), and a stream ends with [DONE].
const FINISHED = /"finish_reason"\s*:\s*"|^data:\s*\[DONE\]/m;

/**
 * Reads just enough of each chunk: streamed content deltas and the last 16 KiB (where the usage
 * chunk is). Bytes are read as Latin-1: every JSON delimiter is ASCII and no UTF-8 byte of a
 * multi-byte character is, so the patterns match as in UTF-8, without a decoder's state or cost.
 */
export function createUpstreamMeter(t0 = performance.now()): {
  chunk(bytes: Uint8Array): void;
  result(): UpstreamMeasure;
} {
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
      const tokensPerSecond =
        firstDeltaAt !== null && deltas > 1 && lastDeltaAt > firstDeltaAt
          ? (deltas - 1) / ((lastDeltaAt - firstDeltaAt) / 1000)
          : null;
      const usage = USAGE.exec(tail);
      return {
        completionTokens: usage ? Number(usage[1]) : deltas,
        firstBytesMs,
        tokensPerSecond,
        finished: FINISHED.test(tail),
      };
    },
  };
}

/** Pipe a node stream: back-pressure and writes in Node's own code, the meter on 'data'; resolves true when the copy ended cleanly (`res` still open). */
function pipeReadable(
  body: Readable,
  res: ServerResponse,
  upstream: UpstreamResponse,
  signal: AbortSignal,
  meter: ReturnType<typeof createUpstreamMeter>,
): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    let done = false;
    let ended = false;
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
      resolve(ended && !res.destroyed);
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
      ended = true;
      finish(false);
    });
    body.once('error', () => finish(true));
    body.once('close', () => {
      if (!body.readableEnded) finish(true);
    });
    // Not ended by pipe(): a cut stream gets its error event after the last chunk.
    body.pipe(res, { end: false });
  });
}

/** An OpenAI-style error event, which the official SDKs raise as an APIError in the middle of a stream. */
export function streamErrorEvent(message: string, type: string): string {
  return `data: ${JSON.stringify({ error: { message, type, param: null, code: null } })}\n\n`;
}

/** What to tell the client when a streamed answer stops without saying it is whole. */
export interface CutStreamNotice {
  message: string;
  type: string;
}

/**
 * Copy `upstream`'s body to `res` (respecting back-pressure), then end it; returns what was measured.
 * With `cut`, a server-sent-event answer that ends cleanly but unfinished gets `cut` as an error event before the end.
 */
export async function measureUpstreamBody(
  upstream: UpstreamResponse,
  res: ServerResponse,
  signal: AbortSignal,
  cut?: CutStreamNotice,
): Promise<UpstreamMeasure> {
  const meter = createUpstreamMeter();
  const endClean = async () => {
    const measured = meter.result();
    if (cut && !measured.finished && /^text\/event-stream/i.test(upstream.contentType ?? ''))
      res.write(streamErrorEvent(cut.message, cut.type));
    // Measuring is done once the client has the last byte.
    await new Promise<void>((resolve) => {
      res.once('finish', resolve);
      res.once('close', resolve);
      res.end();
    });
    return measured;
  };
  if (upstream.body instanceof Readable) {
    if (signal.aborted) upstream.cancel();
    else if (await pipeReadable(upstream.body, res, upstream, signal, meter)) return endClean();
    return meter.result();
  }
  try {
    for await (const value of upstream.body) {
      meter.chunk(value);
      if (!res.write(value))
        await new Promise<void>((resolve) => {
          res.once('drain', resolve);
          res.once('close', resolve);
        });
      if (signal.aborted || res.destroyed) {
        upstream.cancel();
        break;
      }
    }
    if (!res.destroyed && !signal.aborted) return endClean();
    if (!res.destroyed) res.end();
  } catch {
    // The upstream dropped mid-answer: cut the client's connection too, so it sees the failure.
    res.destroy();
  }
  return meter.result();
}
