/**
 * `npm run bench -- gaming [--passes N] [--processes N] [--games N]`: what gaming detection costs.
 * 1. CPU per detection pass (process list + matching against the user's list and every store folder) on a
 *    realistic machine built in a temp folder: a /proc-like tree of ~300 processes (a few of them games) and
 *    a Steam install with three library folders and ~150 installed games, beside the plain process-list call
 *    alone in the same run (the baseline). The same two on this machine's real /proc.
 * 2. Time from a game's start to the models being unloaded: gaming mode on the LM Studio emulator with two
 *    models loaded, the real detector at the default interval, and a real process started as the game (a copy of
 *    `sleep` named like a listed game) at a random moment of the poll cycle. Target: under 5 s.
 * 3. Process-list candidates on this machine: /proc read synchronously (what detection uses), the same through
 *    fs.promises, and a `ps` child per pass (the Linux twin of tasklist/PowerShell; its own CPU is not counted).
 * The Windows lister (one Toolhelp snapshot) cannot run here: no Windows machine is available to measure it.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createGameDetector } from '../electron/core/gaming/detect-games';
import type { LibraryLocations } from '../electron/core/gaming/game-libraries';
import { createProcLister, nodeProcFs, type ProcessLister, type ProcFs } from '../electron/core/gaming/process-list';
import { GamingMode } from '../electron/core/gaming/gaming-mode';
import { createLmStudioClient } from '../electron/core/lmstudio/client';
import { defaultSettings } from '../shared/settings/schema';
import { FAKE_LMS_PATH } from '../tests/emulator/index';
import { startHarness } from '../tests/support/emulator-harness';

const arg = (flag: string, fallback: number) => {
  const i = process.argv.indexOf(flag);
  const n = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** The same reads through fs.promises (the libuv pool): the candidate the synchronous /proc reads replaced. */
const asyncProcFs: ProcFs = {
  readdir: (dir) => fs.promises.readdir(dir),
  readlink: (file) => fs.promises.readlink(file),
  readFile: (file) => fs.promises.readFile(file, 'utf8'),
};

/** A Steam install with `games` games over three libraries, and a /proc tree of `processes` processes. */
function buildMachine(root: string, processes: number, games: number): { proc: string; steam: string } {
  const steam = path.join(root, 'Steam');
  const libraries = [steam, path.join(root, 'SteamLibrary-D'), path.join(root, 'SteamLibrary-E')];
  const vdf = libraries.map((lib, i) => `\t"${i}"\n\t{\n\t\t"path"\t\t"${lib}"\n\t}\n`).join('');
  fs.mkdirSync(path.join(steam, 'steamapps'), { recursive: true });
  fs.writeFileSync(path.join(steam, 'steamapps', 'libraryfolders.vdf'), `"libraryfolders"\n{\n${vdf}}\n`);
  const gameExes: string[] = [];
  for (let g = 0; g < games; g++) {
    const lib = libraries[g % libraries.length]!;
    const dir = `Game ${g}`;
    fs.mkdirSync(path.join(lib, 'steamapps', 'common', dir, 'bin'), { recursive: true });
    fs.writeFileSync(
      path.join(lib, 'steamapps', `appmanifest_${100_000 + g}.acf`),
      `"AppState"\n{\n\t"appid"\t\t"${100_000 + g}"\n\t"name"\t\t"Title ${g}"\n\t"installdir"\t\t"${dir}"\n}\n`,
    );
    gameExes.push(path.join(lib, 'steamapps', 'common', dir, 'bin', `game${g}`));
  }
  const proc = path.join(root, 'proc');
  const systemExes = ['/usr/bin/bash', '/usr/lib/systemd/systemd', '/usr/bin/pipewire', '/usr/lib/firefox/firefox'];
  for (let pid = 1; pid <= processes; pid++) {
    const dir = path.join(proc, String(pid));
    fs.mkdirSync(dir, { recursive: true });
    // Three running games, the rest system processes, like a desktop during play.
    const exe = pid % 100 === 50 ? gameExes[pid % gameExes.length]! : `${systemExes[pid % systemExes.length]!}`;
    fs.symlinkSync(exe, path.join(dir, 'exe'));
    fs.writeFileSync(path.join(dir, 'cmdline'), `${exe}\0--flag\0`);
    fs.writeFileSync(path.join(dir, 'comm'), `${path.basename(exe)}\n`);
  }
  return { proc, steam };
}

interface Timing {
  cpuMs: number[];
  wallMs: number[];
}

/** Time `a` and `b` alternately, pass by pass, so both see the same load on a shared machine. */
async function measurePair(
  passes: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<[Timing, Timing]> {
  for (let i = 0; i < 5; i++) await Promise.all([a(), b()]); // warm-up: JIT, the library scan, the fs cache
  const ta: Timing = { cpuMs: [], wallMs: [] };
  const tb: Timing = { cpuMs: [], wallMs: [] };
  const once = async (run: () => Promise<unknown>, t: Timing) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await run();
    t.wallMs.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    t.cpuMs.push((used.user + used.system) / 1000);
  };
  for (let i = 0; i < passes; i++) {
    await once(a, ta);
    await once(b, tb);
  }
  return [ta, tb];
}

const quantile = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const fmt = (ms: number) => ms.toFixed(2).padStart(7);
const line = (label: string, t: Timing) =>
  `  ${label.padEnd(34)} CPU p50 ${fmt(quantile(t.cpuMs, 0.5))} ms  p10–p90 ${fmt(quantile(t.cpuMs, 0.1))}–${fmt(quantile(t.cpuMs, 0.9)).trim()}   wall p50 ${fmt(quantile(t.wallMs, 0.5))} ms`;

async function compare(
  title: string,
  passes: number,
  list: ProcessLister,
  locations: LibraryLocations,
  listed: string[],
) {
  const detector = createGameDetector({
    gamingSettings: () => ({ ...defaultSettings().gaming, processes: listed }),
    platform: 'linux',
    listProcesses: list,
    libraryLocations: locations,
  });
  const first = await detector.check();
  const [baseline, detection] = await measurePair(passes, list, () => detector.check());
  const ratio = quantile(detection.cpuMs, 0.5) / quantile(baseline.cpuMs, 0.5);
  console.log(
    `${title} (${(await list()).length} processes; ${first.games.length} games seen: ${first.games.map((g) => g.name).join(', ') || 'none'})`,
  );
  console.log(line('process list alone (baseline)', baseline));
  console.log(line('detection pass', detection));
  console.log(`  detection / baseline CPU: ×${ratio.toFixed(2)}`);
  const intervalMs = defaultSettings().gaming.checkIntervalSeconds * 1000;
  console.log(
    `  at the default ${intervalMs / 1000} s interval: ${((quantile(detection.cpuMs, 0.5) / intervalMs) * 100).toFixed(3)}% of one core`,
  );
}

/** CPU of this process, in ms; a spawned lister's own CPU is not in it, so compare those by wall time. */
function cpuNowMs(): number {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1000;
}

async function compareListers(passes: number): Promise<void> {
  const run = promisify(execFile);
  const candidates: [string, () => Promise<unknown>][] = [
    ['/proc, synchronous reads (used)', createProcLister()],
    ['/proc, fs.promises', createProcLister(asyncProcFs)],
    ['ps -eo pid=,args= (a child each pass)', () => run('ps', ['-eo', 'pid=,args='])],
  ];
  console.log(
    `process-list candidates on this machine (N = ${passes} each, interleaved; CPU of this process only, a child's is not in it)`,
  );
  const timings = candidates.map((): Timing => ({ cpuMs: [], wallMs: [] }));
  for (const [, list] of candidates) await list();
  for (let i = 0; i < passes; i++) {
    for (const [c, [, list]] of candidates.entries()) {
      const cpu = cpuNowMs();
      const start = performance.now();
      await list();
      timings[c]!.wallMs.push(performance.now() - start);
      timings[c]!.cpuMs.push(cpuNowMs() - cpu);
    }
  }
  const base = quantile(timings[0]!.wallMs, 0.5);
  for (const [c, [label]] of candidates.entries()) {
    const cpuRatio = quantile(timings[c]!.cpuMs, 0.5) / quantile(timings[0]!.cpuMs, 0.5);
    console.log(
      `${line(label, timings[c]!)}   wall ×${(quantile(timings[c]!.wallMs, 0.5) / base).toFixed(1)}  CPU ×${cpuRatio.toFixed(1)}`,
    );
  }
}

const GAME_EXE = 'loadout-bench-game';

/** Resolve once `done()` holds, checking every 10 ms (the precision of the figures below). */
async function waitFor(done: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const start = performance.now();
  while (!done()) {
    if (performance.now() - start > timeoutMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function timeToUnload(rounds: number, root: string): Promise<void> {
  const preload = [
    { key: 'qwen2.5-coder-14b-instruct', contextLength: 8192 },
    { key: 'qwen2.5-7b-instruct', contextLength: 4096 },
  ];
  const h = await startHarness({ emulator: { preload } });
  const interval = defaultSettings().gaming.checkIntervalSeconds;
  h.settings.update((s) => ({
    ...s,
    gaming: { ...s.gaming, enabled: true, processes: [GAME_EXE], restoreAfterSeconds: 0 },
  }));
  const client = createLmStudioClient({
    env: { ...process.env, LOADOUT_LMSTUDIO_URL: h.emulator.url, LOADOUT_LMS: FAKE_LMS_PATH, LM_API_TOKEN: '' },
  });
  const mode = new GamingMode({
    settings: h.settings,
    presets: h.service,
    lmstudio: client,
    detector: createGameDetector({ gamingSettings: () => h.settings.get().gaming }),
  });
  const game = path.join(root, GAME_EXE);
  fs.copyFileSync(fs.realpathSync('/bin/sleep'), game);
  fs.chmodSync(game, 0o755);
  const loaded = () => h.emulator.state.instances.length;
  const times: number[] = [];
  const seenAt: number[] = [];
  let detectedAt: number | null = null;
  mode.onChanged((status) => {
    if (detectedAt === null && status.phase !== 'watching' && status.phase !== 'off') detectedAt = performance.now();
  });
  mode.start();
  try {
    for (let round = 0; round < rounds; round++) {
      await waitFor(() => mode.status().phase === 'watching' && loaded() === preload.length, 'the models back');
      // Start the game anywhere in the poll cycle, as a user would.
      await new Promise((r) => setTimeout(r, Math.random() * interval * 1000));
      detectedAt = null;
      const start = performance.now();
      const child = spawn(game, ['600'], { stdio: 'ignore' });
      await waitFor(() => loaded() === 0, 'the unload');
      times.push(performance.now() - start);
      seenAt.push((detectedAt ?? NaN) - start);
      child.kill();
    }
  } finally {
    mode.stop();
    await h.close();
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `game start → models unloaded (gaming mode, emulator, real /proc, ${interval} s interval; N = ${rounds} games)`,
  );
  console.log(
    `  p50 ${s(quantile(times, 0.5))}  min ${s(Math.min(...times))}  max ${s(Math.max(...times))}   target < 5 s: ${Math.max(...times) < 5000 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  of which detection (start → gaming mode sees the game): p50 ${s(quantile(seenAt, 0.5))}  min ${s(Math.min(...seenAt))}  max ${s(Math.max(...seenAt))}`,
  );
}

export async function main(): Promise<void> {
  const passes = arg('--passes', 200);
  const processes = arg('--processes', 300);
  const games = arg('--games', 150);
  console.log(
    `gaming detection benchmark — ${os.platform()} ${os.arch()}, node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}; N = ${passes} passes each`,
  );
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-bench-gaming-'));
  try {
    const machine = buildMachine(root, processes, games);
    const locations: LibraryLocations = {
      steamRoots: [machine.steam],
      epicManifestDirs: [],
      gogRoots: [],
      xboxRoots: [],
    };
    const listed = ['eldenring.exe', 'Cyberpunk2077', 'factorio', 'hades2.exe', 'witcher3'];
    await compare(
      `synthetic machine, ${games} Steam games in 3 libraries`,
      passes,
      createProcLister(nodeProcFs, machine.proc),
      locations,
      listed,
    );
    if (os.platform() === 'linux') {
      await compare('this machine’s /proc, same libraries', passes, createProcLister(), locations, listed);
      await compareListers(Math.min(passes, 30));
      await timeToUnload(arg('--games-started', 8), root);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
