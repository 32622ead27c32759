/**
 * `npm run bench -- routing [--decisions N] [--streams N]`:
 * 1. Routing decision time with 200 downloaded models (some loaded, another machine, a cloud endpoint),
 *    over varied pt-BR/English prompts: p50/p99, with a fresh catalog per decision (parsed from JSON, as after each read
 *    from LM Studio) and with the same one; baseline: the same decisions over 10 models. Target p99 < 1 ms.
 * 2. The OpenAI-compatible endpoint's added latency against calling the LM Studio emulator directly,
 *    with the emulator and `loadout serve --openai` each in their own process: time to first token and
 *    per-token gap, 1 and 16 concurrent streams, in the same run; plus the time spent inside Loadout.
 *    Target: p50 < 1 ms added, p99 < 5 ms.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { CatalogModel } from '../shared/lmstudio/types';
import { routeRequest } from '../shared/routing/route-request';
import type { RouteRequest, RoutingState } from '../shared/routing/types';
import { createLmStudioClient } from '../electron/core/lmstudio/client';
import { createRoutingFeature } from '../electron/core/routing/create-routing';
import { createOpenAiRouter } from '../electron/core/routing/openai-router';
import { postUpstream, type UpstreamCall } from '../electron/core/routing/upstream-request';
import { FAKE_LMS_PATH, startEmulatorProcess } from '../tests/emulator/index';
import { startServeProcess } from './_serve-process';

const FAMILIES = [
  ['qwen2.5-coder', 'qwen2', [1.5, 3, 7, 14, 32]],
  ['deepseek-coder', 'llama', [1.3, 6.7, 33]],
  ['codellama', 'llama', [7, 13, 34]],
  ['qwen2.5', 'qwen2', [0.5, 1.5, 3, 7, 14, 32, 72]],
  ['llama-3.2', 'llama', [1, 3]],
  ['llama-3.1', 'llama', [8, 70]],
  ['mistral', 'llama', [7]],
  ['phi-3.5-mini', 'phi3', [3.8]],
  ['gemma-3', 'gemma3', [1, 4, 12, 27]],
  ['qwen2.5-vl', 'qwen2vl', [3, 7, 32]],
  ['starcoder2', 'starcoder2', [3, 7, 15]],
  ['gpt-oss', 'gpt-oss', [20, 120]],
  ['granite-3.1', 'granite', [2, 8]],
  ['nomic-embed-text', 'nomic-bert', [0.137]],
] as const;
const QUANTS = ['Q4_K_M', 'Q5_K_M', 'Q8_0', 'Q3_K_L'];

/** `n` synthetic downloaded models, varied like a real catalog; every 25th is loaded at 8k. */
export function syntheticCatalog(n: number): CatalogModel[] {
  const out: CatalogModel[] = [];
  for (let i = 0; out.length < n; i++) {
    const [family, arch, sizes] = FAMILIES[i % FAMILIES.length]!;
    const size = sizes[Math.floor(i / FAMILIES.length) % sizes.length]!;
    const quant = QUANTS[Math.floor(i / 7) % QUANTS.length]!;
    const key = `${family}-${size}b-instruct${i >= FAMILIES.length * 3 ? `-${quant.toLowerCase()}-v${i}` : ''}`;
    const vision = family.includes('vl') || (family === 'gemma-3' && size >= 4);
    const loaded = i % 25 === 3;
    out.push({
      key,
      displayName: key,
      type: family.includes('embed') ? 'embedding' : vision ? 'vlm' : 'llm',
      publisher: 'lmstudio-community',
      architecture: arch,
      quantization: quant,
      bitsPerWeight: 4.9,
      sizeBytes: Math.round(size * 0.62e9),
      paramsString: `${size}B`,
      format: 'gguf',
      maxContextLength: 32768,
      capabilities: { vision, toolUse: i % 2 === 0, reasoning: family === 'gpt-oss' },
      path: null,
      loadedInstances: loaded
        ? [
            {
              instanceId: key,
              modelKey: key,
              contextLength: 8192,
              gpuOffload: null,
              ttlSeconds: null,
              flashAttention: null,
              offloadKvCacheToGpu: null,
              status: null,
            },
          ]
        : [],
    });
  }
  return out;
}

export const PROMPTS = [
  '```ts\nconst x: number = "a";\n```\nwhy does this not compile?',
  'Traceback (most recent call last):\n  File "main.py", line 3\nModuleNotFoundError: No module named numpy',
  'Escreva uma função em Python que remove acentos de uma string.',
  'Qual a capital da Austrália?',
  'What is 15% of 240?',
  'Explique detalhadamente as diferenças entre o Simples Nacional e o Lucro Presumido para uma empresa de TI, com exemplos.',
  'I am planning a two-week trip to Portugal in October with my parents. Suggest an itinerary balancing Lisbon, Porto and the Algarve.',
  '@qwen2.5-7b resuma este parágrafo sobre energia solar no Brasil e seus custos.',
  `Resuma este contrato:\n${'O contrato de prestação de serviços estabelece as obrigações das partes. '.repeat(120)}`,
];

function state(models: CatalogModel[]): RoutingState {
  const remote = models
    .slice(0, 20)
    .map((m) => ({ ...m, loadedInstances: m.loadedInstances.length ? m.loadedInstances : [] }));
  return {
    endpoints: [
      { id: 'local', label: 'this PC', kind: 'local', reachable: true, models },
      { id: 'remote:ws2', label: 'ws2', kind: 'remote', reachable: true, models: remote },
      {
        id: 'cloud',
        label: 'cloud',
        kind: 'cloud',
        reachable: true,
        models: [{ ...models[0]!, key: 'gpt-4.1', paramsString: null, sizeBytes: null, loadedInstances: [] }],
      },
    ],
    vramFreeBytes: 14e9,
    evidence: Object.fromEntries(
      models
        .slice(0, 40)
        .map((m, i) => [
          m.key,
          { tokensPerSecond: 20 + i * 3, ttftMs: 80 + i, ratings: { code: { up: i % 4, down: i % 3 } } },
        ]),
    ),
  };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const fmt = (x: number, d = 1) => x.toFixed(d);

function timeDecisions(n: number, modelCount: number, fresh: boolean): { p50: number; p99: number } {
  const base = syntheticCatalog(modelCount);
  const times: number[] = [];
  const requests: RouteRequest[] = PROMPTS.map((text, i) => ({
    messages: [{ role: 'user' as const, text, ...(i === 4 ? {} : {}) }],
  }));
  requests.push({ messages: [{ role: 'user', text: 'what is in this picture?', images: 1 }] });
  let s = state(base);
  for (let i = 0; i < n; i++) {
    if (fresh) s = state(JSON.parse(JSON.stringify(base)) as CatalogModel[]);
    const req = requests[i % requests.length]!;
    const t0 = performance.now();
    routeRequest(req, s, { policy: { allowJitLoad: true } });
    times.push((performance.now() - t0) * 1000);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p99: pct(times, 99) };
}

interface StreamTiming {
  ttftMs: number;
  perTokenMs: number;
}

/** One streamed completion with fetch; time to first content and mean gap between tokens. */
async function streamOnce(baseUrl: string, model: string, tokens: number): Promise<StreamTiming> {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      model,
      stream: true,
      max_tokens: tokens,
      messages: [{ role: 'user', content: 'Qual a capital da Austrália?' }],
    }),
  });
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
      const now = performance.now();
      if (first === null) first = now;
      last = now;
      count += n;
    }
  }
  return { ttftMs: (first ?? last) - t0, perTokenMs: count > 1 && first !== null ? (last - first) / (count - 1) : 0 };
}

async function measure(
  baseUrl: string,
  model: string,
  concurrency: number,
  rounds: number,
  tokens: number,
): Promise<StreamTiming[]> {
  const out: StreamTiming[] = [];
  for (let r = 0; r < rounds; r++)
    out.push(...(await Promise.all(Array.from({ length: concurrency }, () => streamOnce(baseUrl, model, tokens)))));
  return out;
}

function summary(list: StreamTiming[]) {
  const ttft = list.map((t) => t.ttftMs).sort((a, b) => a - b);
  const gap = list.map((t) => t.perTokenMs).sort((a, b) => a - b);
  return { ttft50: pct(ttft, 50), ttft99: pct(ttft, 99), gap50: pct(gap, 50), gap99: pct(gap, 99) };
}

/** CPU time a process has used so far, ms (Linux /proc; null elsewhere): what relaying costs Loadout, free of the scheduler's noise. */
function cpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
  } catch {
    return null;
  }
}

function arg(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  const v = at >= 0 ? Number(args[at + 1]) : fallback;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export async function main(args: string[]): Promise<void> {
  const n = arg(args, '--decisions', 5000);
  console.log(`routing decisions (${n} each, µs)`);
  timeDecisions(500, 200, true); // warm-up (JIT)
  const base10 = timeDecisions(n, 10, true);
  const fresh200 = timeDecisions(n, 200, true);
  const warm200 = timeDecisions(n, 200, false);
  console.log(`  10 models, fresh catalog:   p50 ${fmt(base10.p50)}  p99 ${fmt(base10.p99)}   (baseline)`);
  console.log(
    `  200 models, fresh catalog:  p50 ${fmt(fresh200.p50)}  p99 ${fmt(fresh200.p99)}   ×${fmt(fresh200.p50 / base10.p50, 2)} p50 vs baseline · p99 is ${fmt(fresh200.p99 / 10, 1)} % of the 1 ms target`,
  );
  console.log(
    `  200 models, same catalog:   p50 ${fmt(warm200.p50)}  p99 ${fmt(warm200.p99)}   ×${fmt(warm200.p50 / fresh200.p50, 2)} p50 vs fresh`,
  );

  const streams = arg(args, '--streams', 48);
  const tokens = 32;
  // The real topology: LM Studio (the emulator) and `loadout serve --openai` each in their own process.
  const emu = await startEmulatorProcess([
    '--tps',
    '500',
    '--ttft-ms',
    '10',
    '--preload',
    'qwen2.5-7b-instruct@8192,llama-3.2-3b-instruct@8192',
  ]);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-bench-routing-'));
  const env = {
    ...process.env,
    LOADOUT_HOME: home,
    LOADOUT_LMSTUDIO_URL: emu.url,
    LOADOUT_LMS: FAKE_LMS_PATH,
    LM_API_TOKEN: '',
    LOADOUT_REMOTES: '',
    LOADOUT_CLOUD_URL: '',
    LOADOUT_NVML: 'off',
    LOADOUT_NVIDIA_SMI: '/nonexistent',
  };
  const serve = await startServeProcess(env, ['--openai'], 30_000);
  // In-handler time: request in → upstream request out (body parse, state, routing, headers), measured
  // in this process on its own router, free of the client's and the scheduler's share.
  const routing = createRoutingFeature({ lmstudio: createLmStudioClient({ env }), env, origin: 'endpoint' });
  const arrival = new AsyncLocalStorage<number>();
  const inHandlerMs: number[] = [];
  const timedUpstream: UpstreamCall = (url, init) => {
    const t = arrival.getStore();
    if (t !== undefined) inHandlerMs.push(performance.now() - t);
    return postUpstream(url, init);
  };
  const handler = createOpenAiRouter({
    routedChat: routing.routedChat,
    snapshot: routing.snapshot,
    onStale: routing.invalidate,
    upstream: timedUpstream,
  });
  const server = http.createServer((req, res) =>
    arrival.run(performance.now(), () => void handler(req, res, new URL(req.url ?? '/', 'http://x'))),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const inProcess = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const via = `${serve.url}/v1`;
  const direct = `${emu.url}/v1`;
  try {
    console.log(
      `\nendpoint added latency: client → loadout serve --openai → LM Studio emulator, each its own process (500 tok/s, TTFT 10 ms, ${tokens} tokens per answer, each path warmed up with as many answers as it is measured on, ms)`,
    );
    for (const concurrency of [1, 16]) {
      const rounds = Math.max(2, Math.round(streams / concurrency));
      // Warm-up as long as the measurement: a serve process runs for hours, and its first answers pay for
      // JIT compilation and lazy set-up (the first 48 cost about twice the CPU of the next ones).
      await measure(direct, 'llama-3.2-3b-instruct', concurrency, rounds, tokens);
      await measure(via, 'auto', concurrency, rounds, tokens);
      await measure(inProcess, 'auto', concurrency, rounds, tokens);
      const d = summary(await measure(direct, 'llama-3.2-3b-instruct', concurrency, rounds, tokens));
      const cpu0 = cpuMs(serve.pid);
      const v = summary(await measure(via, 'auto', concurrency, rounds, tokens));
      const cpu1 = cpuMs(serve.pid);
      inHandlerMs.length = 0;
      await measure(inProcess, 'auto', concurrency, rounds, tokens);
      const inside = [...inHandlerMs].sort((a, b) => a - b);
      const pad = ' '.repeat(13 + String(rounds).length);
      console.log(
        `  ${String(concurrency).padStart(2)} stream(s) × ${rounds}: TTFT direct p50 ${fmt(d.ttft50, 2)} p99 ${fmt(d.ttft99, 2)} · via Loadout p50 ${fmt(v.ttft50, 2)} p99 ${fmt(v.ttft99, 2)} · added p50 ${fmt(v.ttft50 - d.ttft50, 2)} p99 ${fmt(v.ttft99 - d.ttft99, 2)} (×${fmt(v.ttft50 / d.ttft50, 2)})`,
      );
      console.log(
        `  ${pad}per-token direct p50 ${fmt(d.gap50, 3)} p99 ${fmt(d.gap99, 3)} · via Loadout p50 ${fmt(v.gap50, 3)} p99 ${fmt(v.gap99, 3)} · added p50 ${fmt(v.gap50 - d.gap50, 3)} p99 ${fmt(v.gap99 - d.gap99, 3)}`,
      );
      console.log(
        `  ${pad}inside Loadout, request in → upstream call: p50 ${fmt(pct(inside, 50), 3)} p99 ${fmt(pct(inside, 99), 3)}`,
      );
      if (cpu0 !== null && cpu1 !== null)
        console.log(
          `  ${pad}loadout serve CPU per answer (request, routing, ${tokens + 2} chunks relayed, costing): ${fmt((cpu1 - cpu0) / (rounds * concurrency), 2)} ms`,
        );
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await serve.close();
    await emu.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}
