/**
 * `npm run bench -- telemetry [--quick] [--seconds S] [--replicas R]`: what telemetry costs a user, as
 * whole processes at the real 1 Hz, all running at the same time (bench/telemetry-child.ts): an idle
 * Node 1-Hz timer (the floor), Loadout's sampler on CPU/RAM only, on NVML (the stub library with the real
 * driver's ~4 ms energy call) read on its worker thread and, as before, on the event loop
 * (LOADOUT_NVML_WORKER=off), on the nvidia-smi loop with nobody showing processes and with the monitor
 * window open, beside `si.graphics()` per sample and a nvidia-smi spawn per sample. CPU is user + system
 * with the children included. Default 120 s (`--quick`: 20 s, said in the output); R replicas give the spread.
 * Two more NVML variants make the stub's energy call BURN the real driver's 4 ms of CPU (NVML_STUB_ENERGY_SPIN_US;
 * the others sleep, which costs no CPU): the counter read every second (as before) and every
 * ENERGY_COUNTER_PERIOD_MS (now), both on the worker.
 * `--only nvml,cpu` runs the variants whose label contains one of those words (and the idle floor);
 * `--warmup S` (default 30 s, `--quick` 10) passes before each process is measured.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENERGY_COUNTER_PERIOD_MS } from '../shared/energy/counter-reads';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FAKE_SMI = path.join(ROOT, 'tests', 'fakes', 'nvidia-smi', 'nvidia-smi');
const CHILD = path.join(ROOT, 'bench', 'telemetry-child.ts');
/** The real H200 driver's nvmlDeviceGetTotalEnergyConsumption (RESULTS.md, issue 20). */
export const REAL_ENERGY_CALL_US = 4000;

export interface ChildResult {
  variant: string;
  n: number;
  cpuMsPerSample: number;
  loopBusyMsPerSample: number;
  /** The main thread's own CPU per sample (Linux), or null. */
  loopCpuMsPerSample?: number | null;
}

export async function nvmlStubLibrary(): Promise<string | null> {
  try {
    const stub = await import('../tests/fakes/nvml/build-nvml-stub');
    return stub.hasCompiler() ? stub.buildNvmlStub() : null;
  } catch {
    return null;
  }
}

/** One variant as its own process; `onSpawn` lets bench/crosscheck.ts watch it from outside. */
/**
 * NVML's worker built as the app ships it (one ESM file, packages external), so the worker variant does
 * not pay tsx's loader in its thread; built under dist/ so `koffi` resolves from node_modules. Null on failure.
 */
export async function buildNvmlWorker(): Promise<string | null> {
  try {
    const esbuild = await import('esbuild');
    fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
    const dir = fs.mkdtempSync(path.join(ROOT, 'dist', 'bench-nvml-worker-'));
    const outfile = path.join(dir, 'nvml-worker.mjs');
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'electron/core/hardware/nvml/nvml-worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      outfile,
      logLevel: 'warning',
    });
    return outfile;
  } catch {
    return null;
  }
}

export function runChild(
  variant: string,
  seconds: number,
  env: NodeJS.ProcessEnv,
  onSpawn?: (child: ChildProcess) => void,
): Promise<ChildResult | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: ROOT,
      env: { ...process.env, ...env, LOADOUT_BENCH_VARIANT: variant, LOADOUT_BENCH_SECONDS: String(seconds) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    onSpawn?.(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', () => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as ChildResult);
      } catch {
        resolve(null);
      }
    });
  });
}

const fmt = (ms: number) => (ms >= 10 ? ms.toFixed(1) : ms.toFixed(3));

export interface TelemetryVariant {
  label: string;
  variant: string;
  env: NodeJS.ProcessEnv;
}

/** The processes the bench compares (bench/crosscheck.ts measures the same ones from outside). */
export function telemetryVariants(lib: string | null, worker: string | null): TelemetryVariant[] {
  const noSmi = path.join(os.tmpdir(), 'loadout-no-nvidia-smi');
  const smiEnv = { LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: FAKE_SMI };
  const nvmlEnv = { LOADOUT_NVML: lib ?? 'off', NVML_STUB_ENERGY_DELAY_US: String(REAL_ENERGY_CALL_US) };
  return [
    { label: 'idle Node 1-Hz timer (floor)', variant: 'idle', env: {} },
    { label: 'Loadout, CPU/RAM only', variant: 'loadout', env: { LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: noSmi } },
    ...(lib
      ? [
          {
            label: `Loadout, NVML stub (${REAL_ENERGY_CALL_US / 1000}-ms energy call), ${worker ? 'built ' : ''}worker thread`,
            variant: 'loadout',
            env: { ...nvmlEnv, ...(worker ? { LOADOUT_NVML_WORKER: worker } : {}) },
          },
          {
            label: `Loadout, NVML stub (${REAL_ENERGY_CALL_US / 1000}-ms energy call), on the loop (before)`,
            variant: 'loadout',
            env: { ...nvmlEnv, LOADOUT_NVML_WORKER: 'off' },
          },
          ...[1000, ENERGY_COUNTER_PERIOD_MS].map((periodMs) => ({
            label: `Loadout, NVML stub, ${REAL_ENERGY_CALL_US / 1000}-ms spin, counter every ${periodMs / 1000} s${periodMs === 1000 ? ' (before)' : ''}`,
            variant: 'loadout',
            env: {
              LOADOUT_NVML: lib,
              NVML_STUB_ENERGY_SPIN_US: String(REAL_ENERGY_CALL_US),
              LOADOUT_ENERGY_COUNTER_PERIOD_MS: String(periodMs),
              ...(worker ? { LOADOUT_NVML_WORKER: worker } : {}),
            },
          })),
        ]
      : []),
    { label: 'Loadout, nvidia-smi loop (fake), no processes shown', variant: 'loadout', env: smiEnv },
    { label: 'Loadout, nvidia-smi loop (fake), monitor window open', variant: 'loadout-watched', env: smiEnv },
    { label: 'si.graphics() per sample', variant: 'si-graphics', env: smiEnv },
    { label: 'nvidia-smi (fake, a Node script) spawned per sample', variant: 'spawn', env: smiEnv },
  ];
}

export async function main(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const flag = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const seconds = flag('--seconds', quick ? 20 : 120);
  const replicas = flag('--replicas', 3);
  // Steady state is what a tray app running all day pays; the first seconds compile code (NVML's worker too).
  const warmup = flag('--warmup', quick ? 10 : 30);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').toLowerCase().split(',').filter(Boolean) : [];
  const lib = await nvmlStubLibrary();
  const worker = lib ? await buildNvmlWorker() : null;
  const allVariants = telemetryVariants(lib, worker);
  const variants = allVariants.filter(
    (v) => only.length === 0 || v.variant === 'idle' || only.some((word) => v.label.toLowerCase().includes(word)),
  );
  console.log(
    `telemetry: whole-process CPU per sample at 1 Hz, ${seconds} s per process after ${warmup} s of warm-up${quick ? ' (--quick: shorter than the 2-minute run the figures in RESULTS.md use)' : ''}, ${replicas} replicas of each, all at once`,
  );
  console.log(
    `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`,
  );
  if (!lib) console.log('  (no C compiler: the NVML stub variant is skipped)');
  const runs = variants.flatMap((v) =>
    Array.from({ length: replicas }, () => ({
      v,
      p: runChild(v.variant, seconds, { ...v.env, LOADOUT_BENCH_WARMUP_S: String(warmup) }),
    })),
  );
  const results = await Promise.all(runs.map(async (r) => ({ v: r.v, result: await r.p })));
  if (lib) fs.rmSync(path.dirname(lib), { recursive: true, force: true });
  if (worker) fs.rmSync(path.dirname(worker), { recursive: true, force: true });
  const floor = median(results.filter((r) => r.v.variant === 'idle').map((r) => r.result?.cpuMsPerSample ?? NaN));
  const floorLoop = median(
    results.filter((r) => r.v.variant === 'idle').map((r) => r.result?.loopBusyMsPerSample ?? NaN),
  );
  console.log(
    `  ${'variant'.padEnd(58)} ${'CPU ms/sample (median, min–max)'.padEnd(34)} ${'× floor'.padStart(8)}  ${'loop busy ms/sample'.padEnd(26)} ${'loop-thread CPU ms/sample'.padEnd(26)} N`,
  );
  for (const v of variants) {
    const rs = results
      .filter((r) => r.v === v)
      .map((r) => r.result)
      .filter((r): r is ChildResult => r !== null);
    if (rs.length === 0) {
      console.log(`  ${v.label.padEnd(58)} failed`);
      continue;
    }
    const cpu = rs.map((r) => r.cpuMsPerSample);
    const loop = rs.map((r) => r.loopBusyMsPerSample);
    const loopCpu = rs.map((r) => r.loopCpuMsPerSample).filter((x): x is number => typeof x === 'number');
    const spread = (xs: number[]) =>
      xs.length === 0 ? 'n/a' : `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;
    console.log(
      `  ${v.label.padEnd(58)} ${spread(cpu).padEnd(34)} ${(median(cpu) / floor).toFixed(1).padStart(7)}×  ${spread(loop).padEnd(26)} ${spread(loopCpu).padEnd(26)} ${rs.map((r) => r.n).join('+')}`,
    );
  }
  console.log(
    `  loop busy above the idle floor (${fmt(floorLoop)} ms) is the event-loop time one sample costs; CPU uses 10-ms ticks for child processes.`,
  );
  console.log(
    `  loop busy also counts waits for a core (load average now ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}); loop-thread CPU does not, nor worker threads.`,
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
