/**
 * One telemetry variant as a whole process (run by bench/telemetry.ts): samples at 1 Hz for
 * LOADOUT_BENCH_SECONDS after a warm-up, then prints one JSON line with its CPU per sample (user +
 * system of this process, its reaped children and, for the nvidia-smi loop, the live child) and the
 * event loop's busy time per sample, and the main thread's own CPU per sample (Linux schedstat: unlike the
 * loop's busy time it leaves out waits for a core, which dominate on a loaded machine, and it leaves out
 * worker threads such as NVML's).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createHardwareMonitor } from '../electron/core/hardware/hardware-monitor';
import { SmiGpuReader } from '../electron/core/hardware/smi/smi-reader';

const TICK_MS = 10; // USER_HZ on Linux
const variant = process.env.LOADOUT_BENCH_VARIANT ?? 'idle';
const seconds = Number(process.env.LOADOUT_BENCH_SECONDS ?? '120');
/** Seconds before measuring: a worker thread's code is still being compiled in the first tens of seconds at 1 Hz. */
const WARMUP_S = Number(process.env.LOADOUT_BENCH_WARMUP_S ?? '3');

/** CPU ms of a process from /proc/<pid>/stat: own (utime+stime) and reaped children's (cutime+cstime). */
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

/**
 * With LOADOUT_BENCH_MARKS=1 (bench/crosscheck.ts), stop this process right after each reading of the window's
 * counters, so the watcher reads /proc over exactly the same window and resumes it with SIGCONT.
 */
function mark(): void {
  if (process.env.LOADOUT_BENCH_MARKS !== '1') return;
  process.stdout.write('mark\n'); // synchronous on a pipe on Linux
  process.kill(process.pid, 'SIGSTOP');
}

/** CPU ms the main (event-loop) thread has run, from its schedstat (ns); null where there is none. */
function mainThreadCpuMs(): number | null {
  try {
    return Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  let sample: () => Promise<void> | void = () => undefined;
  let liveChild: () => number | null = () => null;
  let stop: () => Promise<void>;
  let samples = 0;
  if (variant.startsWith('loadout')) {
    const monitor = createHardwareMonitor({ intervalMs: 1000 });
    monitor.subscribe(() => samples++);
    if (variant === 'loadout-watched') monitor.watchGpuProcesses?.();
    monitor.start();
    liveChild = () => {
      const r = monitor.gpuReader();
      return r instanceof SmiGpuReader ? r.childPid : null;
    };
    stop = () => monitor.stop();
  } else {
    const si = variant === 'si-graphics' ? (await import('systeminformation')).default : null;
    const smi = process.env.LOADOUT_NVIDIA_SMI ?? 'nvidia-smi';
    sample =
      variant === 'si-graphics'
        ? async () => void (await si!.graphics())
        : variant === 'spawn'
          ? () =>
              new Promise<void>((resolve) => {
                const child = spawn(smi, ['--query-gpu=index,power.draw,memory.used', '--format=csv,noheader'], {
                  stdio: 'ignore',
                });
                child.on('close', () => resolve());
                child.on('error', () => resolve());
              })
          : () => undefined;
    const timer = setInterval(() => void Promise.resolve(sample()).then(() => samples++), 1000);
    stop = async () => clearInterval(timer);
  }
  await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
  const startSamples = samples;
  const cpu0 = process.cpuUsage();
  const kids0 = procCpuMs('self').children;
  const pid = liveChild();
  const live0 = pid ? procCpuMs(pid).own : 0;
  const elu0 = performance.eventLoopUtilization();
  const main0 = mainThreadCpuMs();
  mark();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const elu = performance.eventLoopUtilization(elu0);
  const main1 = mainThreadCpuMs();
  const cpu = process.cpuUsage(cpu0);
  const kids = procCpuMs('self').children - kids0;
  const live = pid && pid === liveChild() ? procCpuMs(pid).own - live0 : 0;
  mark();
  const n = samples - startSamples;
  await stop();
  const totalMs = (cpu.user + cpu.system) / 1000 + kids + live;
  const loopCpuMsPerSample = main0 === null || main1 === null ? null : (main1 - main0) / n;
  console.log(
    JSON.stringify({
      variant,
      n,
      cpuMsPerSample: totalMs / n,
      loopBusyMsPerSample: elu.active / n,
      loopCpuMsPerSample,
    }),
  );
  process.exit(0);
}

void main();
