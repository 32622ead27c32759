/**
 * `npm run bench -- upstream-nagle [--calls N] [--gap-ms G]`: whole (non-streamed) answers from an upstream with
 * Nagle on that writes its headers and body separately, called back to back (an agent's tool loop).
 * Per call, ms: fetch (undici, what the OpenAI SDK uses; the baseline, "direct"), the endpoint's
 * upstream call on its keep-alive connection without quick-ACK (before issue 12), on a new connection (issue
 * 12; now the fallback where quick-ACK is missing), and kept alive with quick-ACK (now, Linux), all in the
 * same run. The ~40 ms is Linux's delayed ACK on a busy connection.
 */
import { loadQuickAck } from '../electron/core/routing/quick-ack';
import { createUpstreamCall, type UpstreamInit } from '../electron/core/routing/upstream-request';
import { startNagleUpstream } from '../tests/support/nagle-upstream';

function arg(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  const v = at >= 0 ? Number(args[at + 1]) : fallback;
  return Number.isFinite(v) && v >= 0 ? v : fallback;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function main(args: string[]): Promise<void> {
  const calls = arg(args, '--calls', 60);
  const gapMs = arg(args, '--gap-ms', 0);
  const upstream = await startNagleUpstream({
    id: 'c',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Lima.' }, finish_reason: 'stop' }],
  });
  const url = `${upstream.baseUrl}/chat/completions`;
  const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'Capital do Peru?' }] });
  const headers = { 'Content-Type': 'application/json' };
  const bound = await loadQuickAck();
  const withoutQuickAck = createUpstreamCall({ quickAck: () => Promise.resolve(null) });
  const withQuickAck = createUpstreamCall({ quickAck: () => Promise.resolve(bound) });
  const drain = async (call: typeof withQuickAck, init: Partial<UpstreamInit>) => {
    for await (const c of (await call(url, { headers, body, signal: new AbortController().signal, ...init })).body)
      void c;
  };
  const paths: Array<[string, () => Promise<void>]> = [
    [
      'fetch / undici (direct, baseline)',
      async () => {
        await (await fetch(url, { method: 'POST', headers, body })).arrayBuffer();
      },
    ],
    ['endpoint, keep-alive (before issue 12)', () => drain(withoutQuickAck, {})],
    ['endpoint, new connection (fallback)', () => drain(withoutQuickAck, { wholeAnswer: true })],
  ];
  if (bound) paths.push(['endpoint, kept alive + quick-ACK (now)', () => drain(withQuickAck, { wholeAnswer: true })]);
  else console.log('quick-ACK is missing here (not Linux, or koffi cannot load): the endpoint uses a new connection');
  console.log(`whole answers from a Nagle-on upstream, ${calls} calls each, ${gapMs} ms between calls (ms per call)`);
  try {
    let base = 0;
    for (const [name, call] of paths) {
      for (let i = 0; i < 5; i++) await call();
      const times: number[] = [];
      for (let i = 0; i < calls; i++) {
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
        const t0 = performance.now();
        await call();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const mean = times.reduce((a, b) => a + b, 0) / times.length;
      if (!base) base = mean;
      const slow = times.filter((t) => t > 30).length;
      console.log(
        `  ${name.padEnd(40)} p50 ${pct(times, 50).toFixed(2).padStart(6)}  p90 ${pct(times, 90).toFixed(2).padStart(6)}  mean ${mean.toFixed(2).padStart(6)} (×${(mean / base).toFixed(2)} baseline)  over 30 ms: ${slow}/${calls}`,
      );
    }
  } finally {
    await upstream.close();
  }
}
