/**
 * `npm run bench -- crosscheck [--only telemetry,cli-start,endpoint] [--seconds S] [--replicas R] [--warmup S] [--runs N]
 * [--pairs N] [--concurrency 1,16] [--whole]`: the benches' figures beside an independent measurement of the same
 * thing, and whether they agree within the spread the bench states (issue 20, "Done when").
 *
 * - telemetry: the child's CPU per sample as bench/telemetry.ts reports it (process.cpuUsage from inside, plus
 *   /proc children) against the kernel's accounting read from outside (/proc stat ticks, and per-thread schedstat
 *   nanoseconds), over the same window: the child stops itself at its two readings and this process reads then.
 * - cli-start: bench/cli-start.ts's timer (performance.now around spawnSync) against `perf stat -e duration_time`
 *   and bash's `time`, interleaved.
 * - endpoint: added TTFT (relayed − direct) by the bench's client (fetch/undici) against a raw node:net client,
 *   both interleaved pair by pair against the same emulator and `loadout serve --openai`.
 * Short by default (about 3 minutes); each part prints its machine load, N and spread.
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulatorProcess } from '../tests/emulator/index';
import { home as cliHome, percentile, run as timeCli } from './cli-start';
import { BODY, EMULATOR_ARGS, callOnce, relayEnv } from './endpoint';
import { readTreeCpu, tickMs, type TreeCpu, waitStopped } from './_crosscheck-proc';
import { RawHttpClient } from './_crosscheck-net-client';
import { agreement, medianMinMax, tickResolutionMs, type Figure } from './_crosscheck-stats';
import { loadAverage, machineLine } from './_machine';
import { medianWithCi } from './_paired-stats';
import { startServeProcess } from './_serve-process';
import { buildNvmlWorker, nvmlStubLibrary, runChild, telemetryVariants } from './telemetry';

const ROOT = path.resolve(import.meta.dirname, '..');
const verdicts: { row: string; agree: boolean }[] = [];

function verdict(row: string, bench: Figure, independent: number, unit: string, resolution = 0, digits = 2): void {
  const v = agreement(bench, independent, unit, resolution, digits);
  verdicts.push({ row, agree: v.agree });
  console.log(`    ${row}: ${v.text}`);
}

// ---------- telemetry ----------

interface Window {
  before: TreeCpu;
  after: TreeCpu;
}

/** Reads the child's tree each time it stops itself at a window edge, then resumes it. */
function watchWindow(child: ChildProcess, tick: number): Promise<Window | null> {
  const readings: TreeCpu[] = [];
  let pending = '';
  return new Promise((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      pending += d.toString();
      const marks = pending.split('\n').filter((l) => l === 'mark').length;
      pending = pending.slice(pending.lastIndexOf('\n') + 1);
      for (let i = 0; i < marks; i++)
        void (async () => {
          try {
            if (await waitStopped(child.pid!)) readings.push(readTreeCpu(child.pid!, tick));
          } finally {
            child.kill('SIGCONT');
          }
        })();
    });
    child.on('close', () => resolve(readings.length === 2 ? { before: readings[0]!, after: readings[1]! } : null));
  });
}

async function telemetry(seconds: number, replicas: number, warmup: number): Promise<void> {
  const tick = tickMs();
  const lib = await nvmlStubLibrary();
  const worker = lib ? await buildNvmlWorker() : null;
  // The telemetry bench's own processes (si.graphics() left out for time), warmed up the same way.
  const variants = telemetryVariants(lib, worker).filter((v) => !v.label.startsWith('si.graphics'));
  console.log(
    `\ntelemetry: CPU ms per sample at 1 Hz, ${seconds} s window after ${warmup} s of warm-up, ${replicas} replicas per variant, all at once (load ${loadAverage()})`,
  );
  console.log(
    `  bench = bench/telemetry-child.ts (process.cpuUsage + /proc children); independent = /proc of the child's tree read from outside over the same window (stat ticks of ${tick} ms; schedstat ns per thread); spread = min–max of replicas, widened by the tick truncation of every /proc field read`,
  );
  if (!lib) console.log('  (no C compiler: the NVML stub variant is skipped)');
  const runs = variants.flatMap((v) =>
    Array.from({ length: replicas }, () => {
      let watched: Promise<Window | null> = Promise.resolve(null);
      const result = runChild(
        v.variant,
        seconds,
        { ...v.env, LOADOUT_BENCH_MARKS: '1', LOADOUT_BENCH_WARMUP_S: String(warmup) },
        (child) => {
          watched = watchWindow(child, tick);
        },
      );
      return { v, done: result.then(async (r) => ({ r, w: await watched })) };
    }),
  );
  const results = await Promise.all(runs.map(async (x) => ({ v: x.v, ...(await x.done) })));
  if (lib) fs.rmSync(path.dirname(lib), { recursive: true, force: true });
  if (worker) fs.rmSync(path.dirname(worker), { recursive: true, force: true });
  for (const v of variants) {
    const rs = results.filter((x) => x.v === v && x.r && x.w && x.r.n > 0);
    if (rs.length === 0) {
      console.log(`  ${v.label}: failed (no result or no window reading)`);
      continue;
    }
    const bench = medianMinMax(rs.map((x) => x.r!.cpuMsPerSample));
    const stat = rs.map((x) => (x.w!.after.statMs - x.w!.before.statMs) / x.r!.n);
    const sched = rs.map((x) => (x.w!.after.schedMs - x.w!.before.schedMs) / x.r!.n);
    const res = (only?: string[]) =>
      Math.max(...rs.map((x) => tickResolutionMs(x.w!.before.ticks, x.w!.after.ticks, tick, only) / x.r!.n));
    const range = (xs: number[]) => {
      const m = medianMinMax(xs);
      return `${m.value.toFixed(3)} (${m.lo.toFixed(3)}–${m.hi.toFixed(3)})`;
    };
    console.log(
      `  ${v.label}, N = ${rs.map((x) => x.r!.n).join('+')} samples, processes in the tree: ${[...new Set(rs.map((x) => x.w!.after.names.join(' + ')))].join(' | ')}`,
    );
    console.log(
      `    bench ${range(rs.map((x) => x.r!.cpuMsPerSample))} · /proc stat ${range(stat)} · schedstat ${range(sched)}`,
    );
    verdict(`${v.label} vs /proc stat ticks`, bench, medianMinMax(stat).value, 'ms', res(), 3);
    verdict(`${v.label} vs schedstat ns`, bench, medianMinMax(sched).value, 'ms', res(['.cutime', '.cstime']), 3);
  }
}

// ---------- cli-start ----------

function perfDurationMs(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const r = spawnSync('perf', ['stat', '-x,', '-e', 'duration_time', '--', command, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const line = r.stderr
    .toString()
    .split('\n')
    .find((l) => l.includes('duration_time'));
  const ns = Number(line?.split(',')[0]);
  if (r.status !== 0 || !Number.isFinite(ns)) throw new Error(`perf stat failed: ${r.stderr.toString().slice(-300)}`);
  return ns / 1e6;
}

function bashTimeMs(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const r = spawnSync('bash', ['-c', 'TIMEFORMAT=%3R; time "$@" >/dev/null 2>&1', 'bash', command, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const seconds = Number(r.stderr.toString().trim().split('\n').pop());
  if (r.status !== 0 || !Number.isFinite(seconds)) throw new Error(`bash time failed: ${r.stderr.toString()}`);
  return seconds * 1000;
}

function hasPerf(): boolean {
  try {
    perfDurationMs(process.execPath, ['-e', '0'], process.env);
    return true;
  } catch {
    return false;
  }
}

async function cliStart(runs: number): Promise<void> {
  const bundle = path.join(ROOT, 'out', 'cli', 'loadout.mjs');
  console.log(`\ncli-start: start to exit, ${runs} interleaved runs per case and instrument (load ${loadAverage()})`);
  if (!fs.existsSync(bundle)) {
    console.log('  skipped: out/cli/loadout.mjs is missing (run `npm run build:cli` first)');
    return;
  }
  fs.mkdirSync(cliHome, { recursive: true });
  const env = { ...process.env, LOADOUT_HOME: cliHome };
  const perf = hasPerf();
  console.log(
    `  bench = bench/cli-start.ts's timer (performance.now around spawnSync), median [p10 – p90]; independent = ${perf ? '`perf stat -e duration_time` (kernel clock, exec to exit) and ' : ''}bash's \`time\` (TIMEFORMAT=%3R)${perf ? '' : ' (perf stat unavailable)'}`,
  );
  const cases: Record<string, string[]> = {
    'node -e 0': ['-e', '0'],
    'built help': [bundle, 'help'],
    'built monitor --once': [bundle, 'monitor', '--once'],
  };
  const times = Object.fromEntries(
    Object.keys(cases).map((k) => [k, { bench: [] as number[], perf: [] as number[], bash: [] as number[] }]),
  );
  for (const args of Object.values(cases)) timeCli(process.execPath, args); // warm the file cache
  for (let i = 0; i < runs; i++)
    for (const [name, args] of Object.entries(cases)) {
      const t = times[name]!;
      t.bench.push(timeCli(process.execPath, args));
      if (perf) t.perf.push(perfDurationMs(process.execPath, args, env));
      t.bash.push(bashTimeMs(process.execPath, args, env));
    }
  for (const [name, t] of Object.entries(times)) {
    const s = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const bench: Figure = {
      value: percentile(s(t.bench), 50),
      lo: percentile(s(t.bench), 10),
      hi: percentile(s(t.bench), 90),
    };
    const show = (xs: number[]) =>
      `${percentile(s(xs), 50).toFixed(0)} [${percentile(s(xs), 10).toFixed(0)} – ${percentile(s(xs), 90).toFixed(0)}]`;
    console.log(
      `  ${name}, N = ${runs}: bench ${show(t.bench)} ms${perf ? ` · perf ${show(t.perf)} ms` : ''} · bash time ${show(t.bash)} ms`,
    );
    if (perf) verdict(`${name} vs perf stat`, bench, percentile(s(t.perf), 50), 'ms', 0, 0);
    verdict(`${name} vs bash time`, bench, percentile(s(t.bash), 50), 'ms', 1, 0);
  }
  console.log("  (bash time resolution 1 ms; the bench timer also pays for spawnSync's fork from this process)");
}

// ---------- endpoint ----------

type Timing = { firstMs: number; totalMs: number };

async function endpoint(pairs: number, concurrencies: number[], whole: boolean): Promise<void> {
  console.log(
    `\nendpoint: added time (relayed − paired direct), ${pairs} pairs per client and case (load ${loadAverage()})`,
  );
  console.log(
    "  bench = bench/endpoint.ts's client (fetch/undici); independent = raw HTTP/1.1 over node:net (keep-alive, Nagle off); a fetch pair and a raw pair alternate in each worker; spread = the bench's 95 % CI of the median",
  );
  const emu = await startEmulatorProcess(EMULATOR_ARGS);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-bench-crosscheck-'));
  try {
    const serve = await startServeProcess(relayEnv(home, emu.url), ['--openai'], 30_000);
    const direct = `${emu.url}/v1`;
    const relayed = `${serve.url}/v1`;
    try {
      for (const stream of whole ? [true, false] : [true])
        for (const concurrency of concurrencies) {
          const fetchDiffs: number[] = [];
          const rawDiffs: number[] = [];
          const perWorker = Math.ceil(pairs / concurrency);
          const warm = Math.ceil(50 / concurrency);
          await Promise.all(
            Array.from({ length: concurrency }, async (_, w) => {
              const rawDirect = new RawHttpClient(direct);
              const rawRelayed = new RawHttpClient(relayed);
              const raw = (c: RawHttpClient) => c.post('/chat/completions', BODY(stream), stream);
              const pair = async (d: () => Promise<Timing>, r: () => Promise<Timing>, directFirst: boolean) => {
                const [a, b] = directFirst ? [await d(), await r()] : [await r(), await d()];
                return directFirst ? b.firstMs - a.firstMs : a.firstMs - b.firstMs;
              };
              try {
                for (let i = 0; i < warm + perWorker; i++) {
                  const directFirst = (i + w) % 2 === 0;
                  const rawFirst = i % 2 === 0;
                  const viaFetch = () =>
                    pair(
                      () => callOnce(direct, stream),
                      () => callOnce(relayed, stream),
                      directFirst,
                    );
                  const viaRaw = () =>
                    pair(
                      () => raw(rawDirect),
                      () => raw(rawRelayed),
                      directFirst,
                    );
                  const [x, y] = rawFirst ? [await viaRaw(), await viaFetch()] : [await viaFetch(), await viaRaw()];
                  if (i < warm) continue;
                  (rawFirst ? rawDiffs : fetchDiffs).push(x);
                  (rawFirst ? fetchDiffs : rawDiffs).push(y);
                }
              } finally {
                rawDirect.close();
                rawRelayed.close();
              }
            }),
          );
          const f = medianWithCi(fetchDiffs);
          const r = medianWithCi(rawDiffs);
          const what = stream ? 'streamed, added TTFT' : 'whole answers, added total';
          const show = (m: typeof f) =>
            `${m.median.toFixed(2)} [${m.lo.toFixed(2)}, ${m.hi.toFixed(2)}] · p5 ${m.p5.toFixed(1)} p95 ${m.p95.toFixed(1)}`;
          console.log(
            `  ${what}, ${concurrency} concurrent, N = ${fetchDiffs.length} + ${rawDiffs.length} pairs: fetch ${show(f)} ms · raw net ${show(r)} ms`,
          );
          verdict(`${what}, ${concurrency} concurrent`, { value: f.median, lo: f.lo, hi: f.hi }, r.median, 'ms');
          // Said beside the verdict, not in it: the rule stays "the independent figure inside the bench's spread".
          const overlap = r.lo <= f.hi && f.lo <= r.hi;
          console.log(`      (the two 95 % CIs ${overlap ? 'overlap' : 'do not overlap'})`);
        }
    } finally {
      await serve.close();
    }
  } finally {
    await emu.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

function flag(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const v = Number(args[at + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} needs a positive number, got ${String(args[at + 1])}`);
  return v;
}

export async function main(args: string[]): Promise<void> {
  const onlyAt = args.indexOf('--only');
  const parts = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',') : ['telemetry', 'cli-start', 'endpoint'];
  const unknown = parts.filter((p) => !['telemetry', 'cli-start', 'endpoint'].includes(p));
  if (unknown.length) throw new Error(`--only takes telemetry, cli-start, endpoint; not ${unknown.join(', ')}`);
  const concAt = args.indexOf('--concurrency');
  const concurrencies = concAt >= 0 ? (args[concAt + 1] ?? '').split(',').map(Number) : [1];
  if (concurrencies.some((c) => !Number.isInteger(c) || c < 1))
    throw new Error(`--concurrency takes whole numbers like 1,16; got ${String(args[concAt + 1])}`);
  console.log(`machine: ${machineLine()}`);
  if (parts.includes('telemetry'))
    await telemetry(flag(args, '--seconds', 60), flag(args, '--replicas', 3), flag(args, '--warmup', 30));
  if (parts.includes('cli-start')) await cliStart(flag(args, '--runs', 10));
  if (parts.includes('endpoint')) await endpoint(flag(args, '--pairs', 300), concurrencies, args.includes('--whole'));
  const bad = verdicts.filter((v) => !v.agree);
  console.log(
    `\ncrosscheck: ${verdicts.length - bad.length} of ${verdicts.length} rows agree${bad.length ? `; DISAGREE: ${bad.map((v) => v.row).join('; ')}` : ''} (load at the end ${loadAverage()})`,
  );
}
