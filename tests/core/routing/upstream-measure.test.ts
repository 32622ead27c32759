/** Routing reasons travel in HTTP headers, which Node limits to Latin-1. */
import { describe, expect, it } from 'vitest';
import { createUpstreamMeter, headerSafe } from '../../../electron/core/routing/upstream-measure';

describe('headerSafe', () => {
  it('keeps the reason readable in an HTTP header', () => {
    expect(headerSafe('code detected → qwen2.5-coder-14b, loaded, 👍3 👎1 for code, 4.5★ benchmark')).toBe(
      'code detected -> qwen2.5-coder-14b, loaded, +3 -1 for code, 4.5 stars benchmark',
    );
    expect(headerSafe('general chat → ☁ cloud gpt-4.1 on Café')).toBe('general chat -> cloud gpt-4.1 on Caf%C3%A9');
  });
});

const sse = (content: string) =>
  `data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":${JSON.stringify(content)}},"finish_reason":null}]}\n\n`;

describe('createUpstreamMeter', () => {
  it("counts streamed deltas in UTF-8 bytes read as Latin-1, split anywhere, and takes the usage chunk's count", () => {
    const meter = createUpstreamMeter(performance.now());
    const body = Buffer.from(
      ['Canberra é a capital', ' da Austrália 🇦🇺', ' {não} "Sydney"'].map(sse).join('') +
        'data: {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}\n\ndata: [DONE]\n\n',
      'utf8',
    );
    // Cut inside a multi-byte character and between events, as a socket may.
    const cuts = [0, body.indexOf('é') + 1, body.indexOf('🇦') + 2, body.length];
    for (let i = 0; i < cuts.length - 1; i++) meter.chunk(new Uint8Array(body.subarray(cuts[i], cuts[i + 1])));
    const m = meter.result();
    expect(m.firstBytesMs).not.toBeNull();
    expect(m.completionTokens).toBe(7);
    expect(m.finished).toBe(true);
  });

  it('tells a whole stream (a finish_reason, or [DONE]) from one that stopped after its deltas', () => {
    const cut = createUpstreamMeter();
    for (const t of ['a', 'b']) cut.chunk(Buffer.from(sse(t)));
    expect(cut.result().finished).toBe(false);
    const stopped = createUpstreamMeter();
    stopped.chunk(Buffer.from(sse('a') + 'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n'));
    expect(stopped.result().finished).toBe(true);
    const done = createUpstreamMeter();
    done.chunk(Buffer.from(sse('a') + 'data: [DONE]\n\n'));
    expect(done.result().finished).toBe(true);
  });

  it('falls back to the number of deltas without a usage chunk, and measures nothing for an empty body', () => {
    const meter = createUpstreamMeter();
    for (const t of ['a', 'b', 'c']) meter.chunk(Buffer.from(sse(t)));
    expect(meter.result().completionTokens).toBe(3);
    expect(createUpstreamMeter().result()).toEqual({
      completionTokens: 0,
      firstBytesMs: null,
      tokensPerSecond: null,
      finished: false,
    });
  });
});
