/**
 * `npm run bench -- routing [--decisions N]`:
 * 1. Routing decision time with 200 downloaded models (some loaded, another machine, a cloud endpoint),
 *    over varied pt-BR/English prompts: p50/p99, with a fresh catalog per decision (parsed from JSON, as after each read
 *    from LM Studio) and with the same one; baseline: the same decisions over 10 models. Target p99 < 1 ms.
 * The OpenAI-compatible endpoint's added latency is bench/endpoint.ts (paired, interleaved, 1,000 per case).
 */
import type { CatalogModel } from '../shared/lmstudio/types';
import { routeRequest } from '../shared/routing/route-request';
import type { RouteRequest, RoutingState } from '../shared/routing/types';

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

function arg(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  const v = at >= 0 ? Number(args[at + 1]) : fallback;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export function main(args: string[]): Promise<void> {
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

  console.log("\nthe endpoint's added latency: npm run bench -- endpoint");
  return Promise.resolve();
}
