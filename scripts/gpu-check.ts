/**
 * One-shot check on a real NVIDIA machine (run once by the lead: `npx tsx scripts/gpu-check.ts`).
 * Prints one JSON object: NVML through our koffi binding (a full GpuSample, GpuInfo, processes),
 * then for the NVML path and the nvidia-smi path (LOADOUT_NVML=off) the power sampled at 1 Hz by our
 * sampler, integrated over a 5-s window, against the NVML energy counter read at both ends of it,
 * and the CPU per sample; then the CPU of the per-sample alternatives (an nvidia-smi spawn, si.graphics()). Each part is guarded; errors are printed in place. Finishes in < 60 s.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import si from 'systeminformation';
import { linearSegmentJoules } from '../shared/energy/energy-integrator';
import type { GpuSample } from '../shared/hardware/sample';
import { createHardwareMonitor } from '../electron/core/hardware/hardware-monitor';
import { planNvml } from '../electron/core/hardware/nvml/nvml-library-path';
import { type NvmlGpuReader, openNvmlReader } from '../electron/core/hardware/nvml/nvml-reader';
import { findNvidiaSmi } from '../electron/core/hardware/smi/find-nvidia-smi';
import { SmiGpuReader } from '../electron/core/hardware/smi/smi-reader';

/** The compared window; GPU_CHECK_WINDOW_MS lengthens it on a machine with a load running. */
const WINDOW_MS = Number(process.env.GPU_CHECK_WINDOW_MS) || 5000;
const result: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
const log = (m: string) => process.stderr.write(`[gpu-check] ${m}\n`);

function finish(): never {
  result.finishedAt = new Date().toISOString();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}
setTimeout(
  () => {
    result.watchdog = 'stopped by the watchdog; the parts above are what finished';
    finish();
  },
  2 * WINDOW_MS + 45_000,
).unref();

/** Own + waited-for-children CPU (ms) of a process from /proc (Linux), or null. */
function procCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return ((f[11] ?? 0) + (f[12] ?? 0)) * 10;
  } catch {
    return null;
  }
}

/** This process's CPU plus its reaped children's (ms): spawns and si.graphics()' helpers count. */
function cpuWithChildrenMs(): number {
  const u = process.cpuUsage();
  let children: number;
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const f = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    children = ((f[13] ?? 0) + (f[14] ?? 0)) * 10;
  } catch {
    children = 0;
  }
  return (u.user + u.system) / 1000 + children;
}

/** CPU and wall time per call of the per-sample alternatives Loadout avoids: one nvidia-smi spawn, one si.graphics(). */
async function baselines(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const smi = findNvidiaSmi(process.env).path;
  if (smi) {
    try {
      const run = promisify(execFile);
      const c0 = cpuWithChildrenMs();
      const t0 = performance.now();
      for (let i = 0; i < 5; i++)
        await run(smi, [
          '--query-gpu=timestamp,index,utilization.gpu,memory.used,power.draw,temperature.gpu',
          '--format=csv,noheader,nounits',
        ]);
      out.spawnNvidiaSmi = {
        cpuMsPerCall: (cpuWithChildrenMs() - c0) / 5,
        wallMsPerCall: Number(((performance.now() - t0) / 5).toFixed(1)),
      };
    } catch (error) {
      out.spawnNvidiaSmi = { error: errorText(error) };
    }
  } else out.spawnNvidiaSmi = { error: 'nvidia-smi not found' };
  try {
    const c0 = cpuWithChildrenMs();
    const t0 = performance.now();
    await si.graphics();
    out.siGraphics = {
      cpuMsPerCall: cpuWithChildrenMs() - c0,
      wallMsPerCall: Number((performance.now() - t0).toFixed(1)),
    };
  } catch (error) {
    out.siGraphics = { error: errorText(error) };
  }
  return out;
}

/** Energy (J) over [t0, t1] from power points (t ms, W): linear between points, held flat beyond the first and last. */
function integrate(points: Array<{ t: number; w: number }>, t0: number, t1: number): number | null {
  const p = points.filter((x) => Number.isFinite(x.t)).sort((a, b) => a.t - b.t);
  if (p.length === 0) return null;
  const ext = [
    { t: Math.min(t0, p[0]!.t) - 1, w: p[0]!.w },
    ...p,
    { t: Math.max(t1, p.at(-1)!.t) + 1, w: p.at(-1)!.w },
  ];
  let joules = 0;
  for (let i = 1; i < ext.length; i++) {
    const a = ext[i - 1]!;
    const b = ext[i]!;
    joules += linearSegmentJoules(a.t, b.t, a.w, b.w, Math.max(a.t, t0), Math.min(b.t, t1));
  }
  return joules;
}

function counterMJ(reader: NvmlGpuReader): number | null {
  return reader.read().gpus[0]?.energyCounterMJ ?? null;
}

/** Sample GPU 0 at 1 Hz through our monitor on one path while NVML's counter brackets a 5-s window. */
async function comparePath(
  label: string,
  env: NodeJS.ProcessEnv,
  counter: NvmlGpuReader | null,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { path: label };
  const monitor = createHardwareMonitor({ intervalMs: 1000, env });
  const points: Array<{ t: number; w: number }> = [];
  let samples = 0;
  let source = 'none';
  let lastSample: unknown = null;
  let firstResolve: () => void = () => undefined;
  const first = new Promise<void>((r) => (firstResolve = r));
  monitor.subscribe((s) => {
    samples++;
    source = s.gpuSource;
    lastSample = s;
    if (!s.gpuSource || s.gpuSource === 'none') out.gpuUnavailableReason = s.gpuUnavailableReason;
    if (s.gpuFallbackReason) out.gpuFallbackReason = s.gpuFallbackReason;
    firstResolve();
  });
  const t = performance.now();
  monitor.start();
  try {
    await Promise.race([first, sleep(15_000)]);
    out.startupMs = Math.round(performance.now() - t);
    const reader = monitor.gpuReader();
    // nvidia-smi rows arrive on their own clock: collect every row, not only the sampler's ticks.
    const onGpu = (g: GpuSample) => {
      if (g.index === 0 && g.powerW !== null && g.sampledAt) points.push({ t: Date.parse(g.sampledAt), w: g.powerW });
    };
    const off = reader?.subscribeRows ? reader.subscribeRows(onGpu) : monitor.subscribe((s) => s.gpus.forEach(onGpu));
    await sleep(1100);
    const samplesBefore = samples;
    const cpu0 = process.cpuUsage();
    const childPid = reader instanceof SmiGpuReader ? reader.childPid : null;
    const child0 = childPid ? procCpuMs(childPid) : null;
    const t0 = Date.now();
    const e0 = counter ? counterMJ(counter) : null;
    await sleep(WINDOW_MS);
    const t1 = Date.now();
    const e1 = counter ? counterMJ(counter) : null;
    const cpu = process.cpuUsage(cpu0);
    const child1 = childPid ? procCpuMs(childPid) : null;
    const windowSamples = samples - samplesBefore;
    await sleep(1200); // one more reading after t1 so the window's end is covered
    off();
    const r0 = process.cpuUsage();
    for (let i = 0; i < 200; i++) monitor.readNow();
    const r = process.cpuUsage(r0);
    out.inProcessCpuPerReadMs = Number(((r.user + r.system) / 1000 / 200).toFixed(4));
    const integrated = integrate(points, t0, t1);
    const counterJ = e0 !== null && e1 !== null ? (e1 - e0) / 1000 : null;
    Object.assign(out, {
      gpuSource: source,
      windowMs: t1 - t0,
      powerReadings: points.map((p) => ({ at: new Date(p.t).toISOString(), w: p.w })),
      integratedJ: integrated,
      counterDeltaJ: counterJ,
      differencePercent:
        integrated !== null && counterJ ? Number((((integrated - counterJ) / counterJ) * 100).toFixed(3)) : null,
      samplesInWindow: windowSamples,
      cpuPerSampleMs: windowSamples > 0 ? Number(((cpu.user + cpu.system) / 1000 / windowSamples).toFixed(3)) : null,
      childCpuPerSampleMs:
        child0 !== null && child1 !== null && windowSamples > 0 ? (child1 - child0) / windowSamples : null,
      note: "inProcessCpuPerReadMs is one sample's own work (CPU, RAM, GPU read; 200 reads); cpuPerSampleMs is this whole process over the window (sampler + timers + this script) per sample; child CPU has 10-ms resolution",
      lastSample,
    });
  } catch (error) {
    out.error = errorText(error);
  } finally {
    await monitor.stop().catch((e: unknown) => (out.stopError = errorText(e)));
  }
  return out;
}

async function main(): Promise<void> {
  let counter: NvmlGpuReader | null = null;
  log('part 1: NVML through koffi');
  try {
    const plan = planNvml(
      { ...process.env, LOADOUT_NVML: process.env.LOADOUT_NVML === 'off' ? '' : process.env.LOADOUT_NVML },
      process.platform,
    );
    if (plan.off) throw new Error(plan.reason);
    // This reader brackets each window with the energy counter, so it reads it on every call, not every
    // ENERGY_COUNTER_PERIOD_MS as the monitor does (the period is taken when the reader is built).
    const period = process.env.LOADOUT_ENERGY_COUNTER_PERIOD_MS;
    process.env.LOADOUT_ENERGY_COUNTER_PERIOD_MS = '1';
    try {
      counter = await openNvmlReader(plan.candidates);
    } finally {
      if (period === undefined) delete process.env.LOADOUT_ENERGY_COUNTER_PERIOD_MS;
      else process.env.LOADOUT_ENERGY_COUNTER_PERIOD_MS = period;
    }
    const reading = counter.read();
    result.nvml = {
      deviceCount: counter.deviceCount,
      sample: reading.gpus,
      inventory: await counter.inventory(),
      processes: reading.processes,
      processesUnavailableReason: reading.processesUnavailableReason,
    };
    const t = performance.now();
    for (let i = 0; i < 200; i++) counter.read();
    (result.nvml as Record<string, unknown>).fullReadMs = Number(((performance.now() - t) / 200).toFixed(3));
  } catch (error) {
    result.nvml = { error: errorText(error) };
  }
  log('part 2: sampler on the NVML path, 5-s window');
  try {
    const env = { ...process.env };
    if (env.LOADOUT_NVML === 'off') delete env.LOADOUT_NVML;
    result.nvmlPath = await comparePath('nvml', env, counter);
  } catch (error) {
    result.nvmlPath = { error: errorText(error) };
  }
  log('part 3: sampler on the nvidia-smi path (LOADOUT_NVML=off), 5-s window');
  try {
    result.smiPath = await comparePath('nvidia-smi', { ...process.env, LOADOUT_NVML: 'off' }, counter);
  } catch (error) {
    result.smiPath = { error: errorText(error) };
  }
  log('part 4: per-sample alternatives (5 nvidia-smi spawns, one si.graphics())');
  try {
    result.perSampleAlternatives = await baselines();
  } catch (error) {
    result.perSampleAlternatives = { error: errorText(error) };
  }
  try {
    await counter?.close();
  } catch (error) {
    result.closeError = errorText(error);
  }
  finish();
}

main().catch((error: unknown) => {
  result.fatal = errorText(error);
  finish();
});
