/**
 * `npm run bench -- telemetry [--seconds S]`: CPU time per sample of Loadout's sampler (nvidia-smi loop,
 * NVML through a stub library when `cc` exists, CPU/RAM only) against `si.graphics()` per sample and
 * against spawning nvidia-smi per sample (the fake, and the real one when on PATH), in one run, as
 * ratios; then the event-loop lag while sampling at 1 Hz. CPU includes child processes: reaped ones
 * (spawns, si.graphics' helpers) through /proc/self/stat and the live nvidia-smi loop through /proc/<pid>/stat (Linux).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import si from 'systeminformation';
import { createHardwareMonitor, type SamplingHardwareMonitor } from '../electron/core/hardware/hardware-monitor';
import { SmiGpuReader } from '../electron/core/hardware/smi/smi-reader';
import { findNvidiaSmi } from '../electron/core/hardware/smi/find-nvidia-smi';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FAKE_SMI = path.join(ROOT, 'tests', 'fakes', 'nvidia-smi', 'nvidia-smi');
const TICK_MS = 10; // USER_HZ on Linux

/** CPU ms of a process from /proc/<pid>/stat: its own (utime+stime) and its reaped children's (cutime+cstime). */
function procCpuMs(pid: number | 'self'): { own: number; children: number } {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return { own: ((f[11] ?? 0) + (f[12] ?? 0)) * TICK_MS, children: ((f[13] ?? 0) + (f[14] ?? 0)) * TICK_MS };
  } catch {
    return { own: 0, children: 0 };
  }
}

/** This process's CPU (µs precision) plus its reaped children's. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000 + procCpuMs('self').children;
}

/**
 * Our sampler's CPU per sample: the in-process work of one sample (CPU + RAM + GPU read, timed over
 * many reads) plus, on the nvidia-smi path, the loop child's own CPU per row it printed.
 */
async function sampler(env: NodeJS.ProcessEnv): Promise<{ inProcessMs: number; childMs: number; source: string }> {
  const monitor: SamplingHardwareMonitor = createHardwareMonitor({ intervalMs: 200, env });
  const first = new Promise<string>((resolve) => monitor.subscribe((s) => resolve(s.gpuSource)));
  monitor.start();
  const source = await first;
  const reads = 2000;
  const c0 = process.cpuUsage();
  for (let i = 0; i < reads; i++) monitor.readNow();
  const c = process.cpuUsage(c0);
  const inProcessMs = (c.user + c.system) / 1000 / reads;
  let childMs = 0;
  const reader = monitor.gpuReader();
  if (reader instanceof SmiGpuReader && reader.childPid) {
    const pid = reader.childPid;
    let rows = 0;
    const off = reader.subscribeRows(() => rows++);
    const before = procCpuMs(pid).own;
    await new Promise((r) => setTimeout(r, 4000));
    childMs = rows > 0 ? (procCpuMs(pid).own - before) / rows : 0;
    off();
  }
  await monitor.stop();
  return { inProcessMs, childMs, source };
}

async function perCall(
  label: string,
  n: number,
  fn: () => Promise<unknown>,
): Promise<{ perSampleMs: number; wallMs: number } | null> {
  try {
    await fn(); // warm-up
    const c0 = cpuMs();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await fn();
    return { perSampleMs: (cpuMs() - c0) / n, wallMs: (performance.now() - t0) / n };
  } catch (error) {
    console.log(`${label}: failed (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

async function nvmlStubLibrary(): Promise<string | null> {
  try {
    const stub = await import('../tests/fakes/nvml/build-nvml-stub');
    return stub.hasCompiler() ? stub.buildNvmlStub() : null;
  } catch {
    return null;
  }
}

const fmt = (ms: number) => (ms >= 10 ? ms.toFixed(1) : ms.toFixed(3));

export async function main(args: string[]): Promise<void> {
  const secondsArg = args.indexOf('--seconds');
  const lagSeconds = secondsArg >= 0 ? Number(args[secondsArg + 1]) || 10 : 10;
  const smiEnv = { ...process.env, LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: FAKE_SMI };
  const rows: Array<[string, number, string]> = [];

  console.log('CPU time per sample (ms, this process + its child processes)');
  const smi = await sampler(smiEnv);
  rows.push(['Loadout sampler, nvidia-smi loop: in-process work', smi.inProcessMs, smi.source]);
  rows.push(['  + the loop child per row (10-ms ticks; the fake is Node)', smi.childMs, 'child']);
  const ours = { perSampleMs: smi.inProcessMs + smi.childMs };
  rows.push(['Loadout sampler, nvidia-smi loop: total', ours.perSampleMs, 'ours']);
  const lib = await nvmlStubLibrary();
  if (lib) {
    const nvml = await sampler({ ...process.env, LOADOUT_NVML: lib });
    rows.push(['Loadout sampler, NVML via koffi (stub library)', nvml.inProcessMs, nvml.source]);
    fs.rmSync(path.dirname(lib), { recursive: true, force: true });
  }
  const none = await sampler({
    ...process.env,
    LOADOUT_NVML: 'off',
    LOADOUT_NVIDIA_SMI: path.join(ROOT, 'no-such-nvidia-smi'),
  });
  rows.push(['Loadout sampler, CPU + RAM only', none.inProcessMs, none.source]);

  const graphics = await perCall('si.graphics()', 3, () => si.graphics());
  if (graphics)
    rows.push([`si.graphics() per sample (wall ${fmt(graphics.wallMs)} ms)`, graphics.perSampleMs, 'baseline']);
  const query = [
    '--query-gpu=timestamp,index,utilization.gpu,memory.used,power.draw,temperature.gpu',
    '--format=csv,noheader,nounits',
  ];
  const fake = await perCall('spawn fake nvidia-smi', 5, () => run(FAKE_SMI, query));
  if (fake) rows.push([`spawn fake nvidia-smi per sample (wall ${fmt(fake.wallMs)} ms)`, fake.perSampleMs, 'baseline']);
  const real = findNvidiaSmi({ PATH: process.env.PATH }).path;
  if (real) {
    const r = await perCall('spawn real nvidia-smi', 5, () => run(real, query));
    if (r) rows.push([`spawn real nvidia-smi per sample (wall ${fmt(r.wallMs)} ms)`, r.perSampleMs, 'baseline']);
  } else
    console.log(
      '(no real nvidia-smi on PATH: its spawn cost is not measured here; the capture measured ~28 ms wall per spawn)',
    );

  const oursMs = Math.max(ours.perSampleMs, 0.001);
  for (const [label, ms, note] of rows) {
    const ratio = note === 'baseline' ? `  = ${(ms / oursMs).toFixed(0)}× our nvidia-smi sampler (total)` : '';
    console.log(`  ${label.padEnd(64)} ${fmt(ms).padStart(9)} ms${ratio}`);
  }
  if (graphics)
    console.log(
      `si.graphics() / our sampler (nvidia-smi path, total): ${(graphics.perSampleMs / oursMs).toFixed(0)}× (target ≥ 50×)`,
    );

  console.log(
    `\nEvent-loop lag, ${lagSeconds} s idle (baseline) then ${lagSeconds} s sampling at 1 Hz (nvidia-smi loop), ms beyond the 1-ms probe:`,
  );
  const idle = await lag(lagSeconds);
  const monitor = createHardwareMonitor({ intervalMs: 1000, env: smiEnv });
  monitor.start();
  await new Promise((r) => setTimeout(r, 1500));
  const busy = await lag(lagSeconds);
  await monitor.stop();
  console.log(`  idle:     p50 ${idle.p50.toFixed(2)}  p99 ${idle.p99.toFixed(2)}  max ${idle.max.toFixed(2)}`);
  console.log(
    `  sampling: p50 ${busy.p50.toFixed(2)}  p99 ${busy.p99.toFixed(2)}  max ${busy.max.toFixed(2)}  (target p99 < 10 ms; p99 ratio to idle ${(busy.p99 / Math.max(idle.p99, 0.01)).toFixed(2)})`,
  );
}

/** Event-loop delay percentiles (ms beyond the probe's 1-ms period) over `seconds`. */
async function lag(seconds: number): Promise<{ p50: number; p99: number; max: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  histogram.disable();
  const ms = (ns: number) => Math.max(0, ns / 1e6 - 1);
  return { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
}
