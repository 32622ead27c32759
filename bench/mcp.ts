/**
 * `npm run bench -- mcp [--rounds N] [--tokens N]`, for issue 17's MCP server:
 * 1. What `ask` adds over calling the LM Studio emulator directly (the baseline) and over Loadout's
 *    OpenAI-compatible endpoint, the same question for the same tokens, at 1 and 8 concurrent calls:
 *    p50/p95 per path, and p50/p95 of the paired differences (each round runs every path back to back,
 *    so a slow moment of the machine hits all of them). `ask` over stdio (`loadout mcp`, through the
 *    running serve, as with the tray app open) and over Streamable HTTP (`/mcp` of `loadout serve --mcp`).
 *    Target: p50 under 2 ms added over direct at 1 concurrent.
 * 2. `status` over stdio: p50/p99 against an MCP `ping` (the transport's floor). Target: p99 under 5 ms.
 * 3. `loadout mcp --standalone` cold start to its first answer (spawn, handshake, tools/list, one ask),
 *    against `loadout --version`, with the built CLI (`npm run build:cli`). Target: under 300 ms.
 * The emulator and serve each run in their own process (500 tok/s, TTFT 10 ms), as LM Studio and the tray app do.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { FAKE_LMS_PATH, startEmulatorProcess } from '../tests/emulator/index';
import {
  askOnce,
  BUILT_CLI,
  connectHttp,
  connectStdio,
  hasAsk,
  loadoutArgs,
  MODEL,
  startServe,
  streamCompletion,
} from './_mcp-paths';
import { machineLine } from './_machine';

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const sortNum = (xs: number[]) => [...xs].sort((a, b) => a - b);
const fmt = (ms: number) => ms.toFixed(2).padStart(8);

function arg(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  const v = at >= 0 ? Number(args[at + 1]) : fallback;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

type Path = [name: string, call: () => Promise<void>];

/** Time `concurrency` calls of `call` at once; the round's median call time. */
async function round(call: () => Promise<void>, concurrency: number): Promise<number[]> {
  return Promise.all(
    Array.from({ length: concurrency }, async () => {
      const t0 = performance.now();
      await call();
      return performance.now() - t0;
    }),
  );
}

/** Every path per round, back to back; per-call times per path and per-round medians for the pairing. */
async function compare(paths: Path[], concurrency: number, rounds: number): Promise<void> {
  for (let i = 0; i < Math.max(5, rounds / 4); i++) for (const [, call] of paths) await round(call, concurrency); // warm-up
  const calls = new Map<string, number[]>(paths.map(([n]) => [n, []]));
  const medians = new Map<string, number[]>(paths.map(([n]) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, call] of paths) {
      const times = await round(call, concurrency);
      calls.get(name)!.push(...times);
      medians.get(name)!.push(pct(sortNum(times), 50));
    }
  }
  const base = paths[0]![0];
  console.log(
    `\n${concurrency} concurrent, ${rounds} rounds (ms per call)            p50      p95   | paired with ${base}: added p50, p95`,
  );
  for (const [name] of paths) {
    const t = sortNum(calls.get(name)!);
    const diffs = sortNum(medians.get(name)!.map((m, i) => m - medians.get(base)![i]!));
    const paired = name === base ? '  (baseline)' : `  ${fmt(pct(diffs, 50))} ${fmt(pct(diffs, 95))}`;
    console.log(`  ${name.padEnd(44)} ${fmt(pct(t, 50))} ${fmt(pct(t, 95))}  |${paired}`);
  }
  const openAi = medians.get(paths[1]![0]);
  for (const [name] of paths.slice(2)) {
    const diffs = sortNum(medians.get(name)!.map((m, i) => m - openAi![i]!));
    console.log(
      `  ${name} over the OpenAI endpoint: added p50 ${pct(diffs, 50).toFixed(2)} ms, p95 ${pct(diffs, 95).toFixed(2)} ms`,
    );
  }
}

/** p50/p99 of `n` sequential calls. */
async function latency(call: () => Promise<unknown>, n: number): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 20; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await call();
    times.push(performance.now() - t0);
  }
  const s = sortNum(times);
  return { p50: pct(s, 50), p99: pct(s, 99) };
}

/** Spawn to first answer: `loadout mcp --standalone` (handshake, tools/list, one ask or, before ask exists, status). */
async function coldStart(env: NodeJS.ProcessEnv, tokens: number): Promise<number> {
  const t0 = performance.now();
  const client = await connectStdio(['--standalone'], env);
  try {
    if (await hasAsk(client)) await askOnce(client, tokens);
    else await client.callTool({ name: 'status', arguments: {} });
    return performance.now() - t0;
  } finally {
    await client.close();
  }
}

export async function main(args: string[]): Promise<void> {
  const rounds = arg(args, '--rounds', 40);
  const tokens = arg(args, '--tokens', 32);
  if (!fs.existsSync(BUILT_CLI))
    console.log(
      'note: out/cli/loadout.mjs is missing, so `loadout mcp` runs from source through tsx (slower to start); run `npm run build:cli` first for the figures to record.',
    );
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-bench-mcp-'));
  // Eight at once, so the 8-concurrent figures measure Loadout rather than the default queue of two (mcp.maxConcurrent).
  fs.writeFileSync(path.join(home, 'config.json'), JSON.stringify({ schemaVersion: 1, mcp: { maxConcurrent: 8 } }));
  const emu = await startEmulatorProcess([
    '--tps',
    '500',
    '--ttft-ms',
    '10',
    '--preload',
    `${MODEL}@8192,qwen2.5-7b-instruct@8192`,
  ]);
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
  const serve = await startServe(env);
  const clients: Client[] = [];
  try {
    const stdio = await connectStdio([], env);
    clients.push(stdio);
    const http = await connectHttp(serve.url);
    clients.push(http);
    console.log(`machine: ${machineLine()}; ${tokens} tokens per answer`);

    const status = await latency(() => stdio.callTool({ name: 'status', arguments: {} }), 300);
    const ping = await latency(() => stdio.ping(), 300);
    console.log(
      `\nstatus over stdio (through the running serve), 300 calls: p50 ${status.p50.toFixed(2)} ms, p99 ${status.p99.toFixed(2)} ms; ping p50 ${ping.p50.toFixed(2)}, p99 ${ping.p99.toFixed(2)} ms (×${(status.p99 / ping.p99).toFixed(1)} at p99)`,
    );

    const paths: Path[] = [
      ['LM Studio emulator direct (baseline)', () => streamCompletion(`${emu.url}/v1`, MODEL, tokens)],
      ['OpenAI endpoint, model auto', () => streamCompletion(`${serve.url}/v1`, 'auto', tokens)],
    ];
    if (await hasAsk(stdio)) {
      paths.push(
        ['ask over stdio (loadout mcp)', () => askOnce(stdio, tokens)],
        ['ask over Streamable HTTP (/mcp)', () => askOnce(http, tokens)],
      );
    } else {
      console.log(
        '\nask: not measured: the server does not list the ask tool yet (it lands with the delegation service).',
      );
    }
    for (const concurrency of [1, 8]) await compare(paths, concurrency, rounds);

    const version = spawnSync(process.execPath, loadoutArgs(['--version']), { env });
    const floor: number[] = [];
    const cold: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, loadoutArgs(['--version']), { env });
      floor.push(performance.now() - t0);
      cold.push(await coldStart(env, tokens));
    }
    console.log(
      `\nloadout mcp --standalone, spawn to first answer, median of 5: ${pct(sortNum(cold), 50).toFixed(0)} ms (loadout --version: ${pct(sortNum(floor), 50).toFixed(0)} ms; exit ${version.status})`,
    );
  } finally {
    for (const c of clients) await c.close().catch(() => undefined);
    await serve.close();
    await emu.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}
