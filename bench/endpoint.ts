/**
 * `npm run bench -- endpoint [--n N] [--quick]`: what a user pays for calling LM Studio through Loadout's
 * OpenAI-compatible /v1 instead of directly. The LM Studio emulator and `loadout serve --openai` each run in
 * their own process; this process is the client (fetch/undici, what the OpenAI SDK uses).
 *
 * Each case sends N answers on each path, direct (client → upstream) and relayed (client → Loadout → upstream),
 * interleaved request by request: every worker sends a direct and a relayed request back to back (alternating
 * which goes first), so both see the same load at the same moment. Cases: streamed and not; 1, 4 and 16
 * concurrent workers; an ordinary upstream, and the same one behind a proxy with Nagle on that writes each
 * answer's headers and body in two writes. Reported: p50/p95/p99 of each path, and the added latency as the
 * distribution of paired differences (relayed − its paired direct): median with a 95 % order-statistic CI,
 * p5 and p95. Streams: time to first token, and the added time per streamed token; whole answers: total time.
 * Last, the same pairs through a bare node:http relay (bench/_bare-relay.ts): the floor any HTTP hop costs here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FAKE_LMS_PATH, startEmulatorProcess } from '../tests/emulator/index';
import { startBareRelay } from './_bare-relay';
import { loadAverage, machineLine } from './_machine';
import { startNagleProxy } from './_nagle-proxy';
import { medianWithCi, pct } from './_paired-stats';
import { startServeProcess } from './_serve-process';

export const MODEL = 'llama-3.2-3b-instruct';
export const TOKENS = 16;
/** 2000 tok/s, TTFT 2 ms, the model loaded: the upstream every endpoint figure uses. */
export const EMULATOR_ARGS = ['--tps', '2000', '--ttft-ms', '2', '--preload', `${MODEL}@8192`];
export const BODY = (stream: boolean) =>
  JSON.stringify({
    model: MODEL,
    stream,
    max_tokens: TOKENS,
    messages: [{ role: 'user', content: 'Qual a capital da Austrália?' }],
  });

interface Sample {
  /** Streams: time to first content; whole answers: total time (ms). */
  firstMs: number;
  totalMs: number;
  /** Mean gap between streamed tokens (ms); 0 for whole answers. */
  perTokenMs: number;
}

export async function callOnce(baseUrl: string, stream: boolean): Promise<Sample> {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: BODY(stream),
  });
  if (res.status !== 200) throw new Error(`${baseUrl} answered ${res.status}: ${await res.text()}`);
  if (!stream) {
    const text = await res.text();
    if (!text.includes('"content"')) throw new Error(`${baseUrl} sent no answer: ${text.slice(0, 200)}`);
    const total = performance.now() - t0;
    return { firstMs: total, totalMs: total, perTokenMs: 0 };
  }
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let first: number | null = null;
  let last = 0;
  let count = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const n = (decoder.decode(value, { stream: true }).match(/"content":"/g) ?? []).length;
    if (n > 0) {
      last = performance.now();
      first ??= last;
      count += n;
    }
  }
  if (first === null) throw new Error(`${baseUrl} streamed no tokens`);
  return {
    firstMs: first - t0,
    totalMs: performance.now() - t0,
    perTokenMs: count > 1 ? (last - first) / (count - 1) : 0,
  };
}

/** `n` pairs over `concurrency` workers; each worker alternates which path goes first. */
async function pairs(
  direct: string,
  relayed: string,
  stream: boolean,
  concurrency: number,
  n: number,
): Promise<Array<[Sample, Sample]>> {
  const out: Array<[Sample, Sample]> = [];
  const perWorker = Math.ceil(n / concurrency);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; i < perWorker; i++) {
        if ((i + w) % 2 === 0) {
          const d = await callOnce(direct, stream);
          out.push([d, await callOnce(relayed, stream)]);
        } else {
          const r = await callOnce(relayed, stream);
          out.push([await callOnce(direct, stream), r]);
        }
      }
    }),
  );
  return out;
}

const f = (x: number, d = 2) => x.toFixed(d);

function percentiles(values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  return `p50 ${f(pct(s, 50))} p95 ${f(pct(s, 95))} p99 ${f(pct(s, 99))}`;
}

function added(diffs: number[], d = 2): string {
  const m = medianWithCi(diffs);
  return `median ${f(m.median, d)} [95% CI ${f(m.lo, d)}, ${f(m.hi, d)}] · p5 ${f(m.p5, d)} p95 ${f(m.p95, d)}`;
}

function report(label: string, samples: Array<[Sample, Sample]>, stream: boolean): void {
  console.log(`  ${label}, N = ${samples.length} pairs (ms)`);
  const what: Array<[string, (s: Sample) => number]> = stream
    ? [
        ['TTFT', (s) => s.firstMs],
        ['total', (s) => s.totalMs],
      ]
    : [['total', (s) => s.totalMs]];
  for (const [name, get] of what) {
    console.log(
      `    ${name.padEnd(5)} direct ${percentiles(samples.map(([d]) => get(d)))} · relayed ${percentiles(samples.map(([, r]) => get(r)))}`,
    );
    console.log(`          added (relayed − paired direct): ${added(samples.map(([d, r]) => get(r) - get(d)))}`);
  }
  if (stream)
    console.log(
      `    per token, direct p50 ${f(
        pct(
          samples.map(([d]) => d.perTokenMs).sort((a, b) => a - b),
          50,
        ),
        3,
      )} · added ${added(
        samples.map(([d, r]) => r.perTokenMs - d.perTokenMs),
        3,
      )}`,
    );
}

/** `loadout serve --openai`'s environment: a fresh home, the given upstream, no GPU, no remotes. */
export function relayEnv(home: string, upstreamUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LOADOUT_HOME: home,
    LOADOUT_LMSTUDIO_URL: upstreamUrl,
    LOADOUT_LMS: FAKE_LMS_PATH,
    LM_API_TOKEN: '',
    LOADOUT_REMOTES: '',
    LOADOUT_CLOUD_URL: '',
    LOADOUT_NVML: 'off',
    LOADOUT_NVIDIA_SMI: '/nonexistent',
  };
}

function arg(args: string[], name: string): number | null {
  const at = args.indexOf(name);
  const v = at >= 0 ? Number(args[at + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : null;
}

export async function main(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const n = arg(args, '--n') ?? (quick ? 200 : 1000);
  const warmup = quick ? 50 : 300;
  console.log(`machine: ${machineLine()}`);
  console.log(
    `endpoint: ${n} pairs per case${quick ? ' (--quick: fewer than the 1,000 the figures need; not for RESULTS.md)' : ''}, ${warmup} warm-up answers per path and upstream; emulator at 2000 tok/s, TTFT 2 ms, ${TOKENS} tokens per answer`,
  );
  const emu = await startEmulatorProcess(EMULATOR_ARGS);
  const proxy = await startNagleProxy(emu.url);
  try {
    for (const [upstreamName, upstreamUrl] of [
      ['ordinary upstream', emu.url],
      ['upstream with Nagle on, headers and body in two writes', proxy.url],
    ] as const) {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-bench-endpoint-'));
      const serve = await startServeProcess(relayEnv(home, upstreamUrl), ['--openai'], 30_000);
      const direct = `${upstreamUrl}/v1`;
      const relayed = `${serve.url}/v1`;
      console.log(`\n${upstreamName}`);
      try {
        // A serve process runs for hours: its first answers pay for JIT compilation and lazy set-up.
        for (const stream of [true, false]) await pairs(direct, relayed, stream, 4, warmup);
        for (const stream of [true, false])
          for (const concurrency of [1, 4, 16])
            report(
              `${stream ? 'streamed' : 'whole answers'}, ${concurrency} concurrent`,
              await pairs(direct, relayed, stream, concurrency, n),
              stream,
            );
      } finally {
        await serve.close();
        fs.rmSync(home, { recursive: true, force: true });
      }
    }
    // The floor: what any HTTP hop costs here, so Loadout's own share is the difference.
    const bare = await startBareRelay(emu.url);
    console.log('\nbare node:http relay (the floor: keep-alive, Nagle off, no routing), ordinary upstream');
    try {
      for (const stream of [true, false]) await pairs(`${emu.url}/v1`, `${bare.url}/v1`, stream, 4, warmup);
      for (const stream of [true, false])
        for (const concurrency of [1, 16])
          report(
            `${stream ? 'streamed' : 'whole answers'}, ${concurrency} concurrent`,
            await pairs(`${emu.url}/v1`, `${bare.url}/v1`, stream, concurrency, n),
            stream,
          );
    } finally {
      await bare.close();
    }
  } finally {
    await proxy.close();
    await emu.close();
  }
  console.log(`\nmachine at the end: load average ${loadAverage()}`);
}
