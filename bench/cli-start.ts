/**
 * `npm run bench -- cli-start`: how long `loadout --version` takes to start and exit as the standalone
 * executable (out/cli-exe, `npm run build:cli-exe`) against the bundled CLI on the system's Node
 * (`node out/cli/loadout.mjs`, `npm run build:cli`), with a bare `node -e 0` as the floor, runs
 * interleaved in one process; and what the executable adds to a package, raw and gzip-compressed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeRun(command: string, args: string[]): number {
  const t = performance.now();
  const run = spawnSync(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOADOUT_HOME: path.join(root, 'out', '.bench-home') },
  });
  const ms = performance.now() - t;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stderr.toString()}`);
  return ms;
}

export async function main(): Promise<void> {
  const os = { win32: 'win', darwin: 'mac', linux: 'linux' }[process.platform as string];
  const exe = path.join(
    root,
    'out',
    'cli-exe',
    `${os}-${process.arch}`,
    process.platform === 'win32' ? 'loadout.exe' : 'loadout',
  );
  const bundle = path.join(root, 'out', 'cli', 'loadout.mjs');
  for (const [file, how] of [
    [exe, 'npm run build:cli-exe'],
    [bundle, 'npm run build:cli'],
  ] as const) {
    if (!fs.existsSync(file)) {
      console.error(`${path.relative(root, file)} is missing: run \`${how}\` first.`);
      process.exitCode = 2;
      return;
    }
  }
  const cases = {
    'node -e 0 (floor)': [process.execPath, ['-e', '0']],
    'node out/cli/loadout.mjs --version (baseline)': [process.execPath, [bundle, '--version']],
    'standalone loadout --version': [exe, ['--version']],
  } as const;
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const [command, args] of Object.values(cases)) timeRun(command, [...args]); // warm the file cache
  for (let i = 0; i < RUNS; i++)
    for (const [name, [command, args]] of Object.entries(cases)) times[name]!.push(timeRun(command, [...args]));
  const baseline = median(times['node out/cli/loadout.mjs --version (baseline)']!);
  console.log(`CLI start to exit, median of ${RUNS} interleaved runs:`);
  for (const [name, values] of Object.entries(times)) {
    const m = median(values);
    console.log(`  ${name.padEnd(48)} ${m.toFixed(0).padStart(5)} ms   ×${(m / baseline).toFixed(2)} of the baseline`);
  }
  const raw = fs.readFileSync(exe);
  const gzip = zlib.gzipSync(raw, { level: 6 }).length;
  console.log(
    `standalone executable: ${(raw.length / 1048576).toFixed(1)} MiB, ${(gzip / 1048576).toFixed(1)} MiB gzip -6 (the installers compress with LZMA, somewhat smaller)`,
  );
}
