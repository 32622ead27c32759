/**
 * `npm run bench -- cli-start [--runs N]`: how long `loadout help` and `loadout monitor --once` take,
 * start to exit, as the built CLI (`node out/cli/loadout.mjs`, `npm run build:cli`) against the same
 * commands from source through tsx (`npm run loadout --`), with a bare `node -e 0` as the floor and the
 * standalone executable's `--version` when `npm run build:cli-exe` has made it; all runs interleaved in
 * one process. Targets (issue 20): help under 100 ms, monitor --once under 300 ms, built. Then the
 * packages each built command loads (a run under tests/support/module-trace-hook.mjs, not timed), and where
 * built `monitor --once`'s time goes: the median moment of each step over traced runs (bench/_startup-trace-hook.mjs).
 * `--baseline DIR`: also time DIR/loadout.mjs (an older build, `buildCli(DIR)` in scripts/build-cli.mjs) in the
 * same interleaved runs, for a before/after on the same load.
 * monitor --once reads this machine's GPU as the CLI would (NVML, else nvidia-smi, else none).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const home = path.join(root, 'out', '.bench-home');
const TARGET_MS: Record<string, number> = { 'built help': 100, 'built monitor --once': 300 };

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const t = performance.now();
  const child = spawnSync(command, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOADOUT_HOME: home, ...env },
  });
  const ms = performance.now() - t;
  if (child.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${child.status}: ${child.stderr.toString()}`);
  return ms;
}

/** The node_modules packages a built command loads, from one traced run. */
function packagesLoaded(bundle: string, args: string[]): string[] {
  const trace = path.join(home, `trace-${process.pid}.txt`);
  fs.rmSync(trace, { force: true });
  run(process.execPath, ['--import', path.join(root, 'tests/support/module-trace-hook.mjs'), bundle, ...args], {
    LOADOUT_MODULE_TRACE: trace,
  });
  const urls = fs.readFileSync(trace, 'utf8').split('\n');
  fs.rmSync(trace, { force: true });
  return [
    ...new Set(urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter(Boolean)),
  ].sort() as string[];
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** Where built `monitor --once`'s time goes: each step's median moment (ms since the process began) over `runs` traced runs. */
function monitorOnceTimeline(bundle: string, runs: number): string[] {
  const trace = path.join(home, `startup-${process.pid}.json`);
  const at = new Map<string, number[]>();
  for (let i = 0; i < runs; i++) {
    run(process.execPath, ['--import', path.join(root, 'bench/_startup-trace-hook.mjs'), bundle, 'monitor', '--once'], {
      LOADOUT_STARTUP_TRACE: trace,
    });
    for (const [step, ms] of JSON.parse(fs.readFileSync(trace, 'utf8')) as Array<[string, number]>)
      at.set(step, [...(at.get(step) ?? []), ms]);
  }
  fs.rmSync(trace, { force: true });
  const steps = [...at.entries()].filter(([, v]) => v.length === runs).map(([step, v]) => [step, median(v)] as const);
  return steps
    .sort((a, b) => a[1] - b[1])
    .map(
      ([step, ms], i) => `  ${ms.toFixed(0).padStart(5)} ms  (+${(ms - (steps[i - 1]?.[1] ?? 0)).toFixed(0)})  ${step}`,
    );
}

export async function main(args: string[]): Promise<void> {
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 20;
  const bundle = path.join(root, 'out', 'cli', 'loadout.mjs');
  if (!fs.existsSync(bundle)) {
    console.error('out/cli/loadout.mjs is missing: run `npm run build:cli` first.');
    process.exitCode = 2;
    return;
  }
  fs.mkdirSync(home, { recursive: true });
  const tsx = [process.execPath, '--import', 'tsx', path.join(root, 'electron/cli/main.ts')];
  const cases: Record<string, [string, string[]]> = {
    'node -e 0 (floor)': [process.execPath, ['-e', '0']],
    'built help': [process.execPath, [bundle, 'help']],
    'tsx help (npm run loadout -- help)': [tsx[0]!, [...tsx.slice(1), 'help']],
    'built monitor --once': [process.execPath, [bundle, 'monitor', '--once']],
    'tsx monitor --once': [tsx[0]!, [...tsx.slice(1), 'monitor', '--once']],
  };
  const osName = { win32: 'win', darwin: 'mac', linux: 'linux' }[process.platform as string];
  const exe = path.join(
    root,
    'out',
    'cli-exe',
    `${osName}-${process.arch}`,
    process.platform === 'win32' ? 'loadout.exe' : 'loadout',
  );
  if (fs.existsSync(exe)) cases['standalone loadout --version'] = [exe, ['--version']];
  const baselineAt = args.indexOf('--baseline');
  if (baselineAt >= 0) {
    const baseline = path.resolve(args[baselineAt + 1] ?? '', 'loadout.mjs');
    if (!fs.existsSync(baseline)) throw new Error(`--baseline: ${baseline} is missing; build one with buildCli(DIR).`);
    cases['baseline monitor --once'] = [process.execPath, [baseline, 'monitor', '--once']];
  }
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const [command, caseArgs] of Object.values(cases)) run(command, caseArgs); // warm the file cache
  for (let i = 0; i < runs; i++)
    for (const [name, [command, caseArgs]] of Object.entries(cases)) times[name]!.push(run(command, caseArgs));

  console.log(
    `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, ${process.platform}, Node ${process.versions.node}, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  console.log(`CLI start to exit, N = ${runs} interleaved runs per case: median [p10 – p90]`);
  for (const [name, values] of Object.entries(times)) {
    const sorted = [...values].sort((a, b) => a - b);
    const median = percentile(sorted, 50);
    const target = TARGET_MS[name];
    const verdict =
      target === undefined ? '' : median < target ? `  target < ${target} ms: met` : `  target < ${target} ms: MISSED`;
    console.log(
      `  ${name.padEnd(36)} ${median.toFixed(0).padStart(5)} ms  [${percentile(sorted, 10).toFixed(0)} – ${percentile(sorted, 90).toFixed(0)}]${verdict}`,
    );
  }
  const ratio = (a: string, b: string) =>
    percentile(
      [...times[b]!].sort((x, y) => x - y),
      50,
    ) /
    percentile(
      [...times[a]!].sort((x, y) => x - y),
      50,
    );
  console.log(
    `  tsx / built: help ×${ratio('built help', 'tsx help (npm run loadout -- help)').toFixed(1)}, monitor --once ×${ratio('built monitor --once', 'tsx monitor --once').toFixed(1)}`,
  );
  for (const [label, cliArgs] of [
    ['help', ['help']],
    ['monitor --once', ['monitor', '--once']],
  ] as const) {
    const packages = packagesLoaded(bundle, [...cliArgs]);
    console.log(`packages loaded by built ${label}: ${packages.length ? packages.join(', ') : 'none'}`);
  }
  const traced = Math.min(runs, 10);
  console.log(
    `built monitor --once, step by step (median moment since the process began, N = ${traced} traced runs; os.cpus #1 opens the CPU window, #2 closes it):`,
  );
  for (const line of monitorOnceTimeline(bundle, traced)) console.log(line);
}
