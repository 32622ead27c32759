/**
 * `npm run bench -- fleet [--agents N] [--window-s S] [--repeats R] [--faults F]`: the fleet watch against
 * real agents, each its own `loadout serve` on 127.0.0.N over its own LM Studio emulator process (so the
 * agents' and emulators' work never lands in this process), watched from this process as the main machine:
 * 1. This process's CPU per watch poll per machine with 1, 4 and 8 machines watched, beside an idle
 *    baseline of the same length in the same run (agents up, nothing watching), R repeats.
 * 2. The time from an agent going silent (SIGSTOP: the socket stays open and says nothing, the hard case)
 *    to its snapshot saying offline (target < 10 s), and from SIGCONT to online again, with the watch's
 *    default timings (poll 3 s, heartbeat 5 s, backoff cap 4 s), F times.
 * 3. The routing decision with 20 machines × 20 models beside 1 × 20, N decisions (`--decisions`, ≥ 1,000).
 * 4. A full status refresh of 20 agents (`--refresh-agents`) beside 1, N refreshes (`--refreshes`); these agents
 *    share one emulator process (LM Studio is not what is measured), so 20 of them fit on 2 cores.
 * `--only watch|decision|refresh` runs one part (default: all).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContractClient } from '../shared/contract';
import type { Machine } from '../shared/settings/schema';
import { connectToAgent, type AgentConnection } from '../electron/core/fleet/agent-connection';
import { createFleetWatch, type FleetWatch } from '../electron/core/fleet/fleet-watch';
import { startEmulatorProcess, type EmulatorProcess } from '../tests/emulator/index';
import { runDecisionBench } from './_fleet-decision';
import { runRefreshBench } from './_fleet-refresh';
import { startServeProcess, type ServeProcess } from './_serve-process';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Agent {
  name: string;
  url: string;
  token: string;
  serve: ServeProcess;
  /** Its own emulator process, or null when it shares one. */
  emu: EmulatorProcess | null;
  home: string;
}

/** One agent; over `shared` (an emulator process others use too) or its own emulator. */
async function startAgent(index: number, shared?: EmulatorProcess): Promise<Agent> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-bench-fleet-'));
  const emu = shared ?? (await startEmulatorProcess(['--preload', 'qwen2.5-7b-instruct']));
  const token = `bench-fleet-token-${index}-0123456789`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOADOUT_HOME: home,
    LOADOUT_LMSTUDIO_URL: emu.url,
    LOADOUT_LMS: path.join(home, 'no-lms'),
    LOADOUT_NVML: 'off',
    LOADOUT_NVIDIA_SMI: path.join(ROOT, 'tests/fakes/nvidia-smi/nvidia-smi'),
    FAKE_NVSMI_SPEED: '4',
    LM_API_TOKEN: '',
  };
  const host = `127.0.0.${index + 2}`;
  const serve = await startServeProcess(env, [
    '--host',
    host,
    '--token',
    token,
    '--renderer',
    path.join(home, 'no-renderer'),
  ]);
  const own = shared ? null : emu;
  return { name: `agent-${index + 1}`, url: serve.url.replace(/\/+$/, ''), token, serve, emu: own, home };
}

async function stopAgent(a: Agent): Promise<void> {
  process.kill(a.serve.pid, 'SIGCONT');
  await a.serve.close();
  await a.emu?.close();
  fs.rmSync(a.home, { recursive: true, force: true });
}

function machinesOf(agents: Agent[]): Machine[] {
  return agents.map((a) => ({ name: a.name, url: a.url, kind: 'loadout' as const }));
}

/** A watch over `agents` that counts its polls (one `app.info` per look at a machine). */
function countingWatch(agents: Agent[], extra: { pollMs?: number } = {}): { watch: FleetWatch; polls: () => number } {
  let polls = 0;
  const tokens = new Map(agents.map((a) => [a.name, a.token]));
  const watch = createFleetWatch({
    machines: () => machinesOf(agents),
    tokenFor: (m) => tokens.get(m.name) ?? null,
    ...extra,
    connect: async (target, token, options): Promise<AgentConnection> => {
      const conn = await connectToAgent(target, token, options);
      const call = conn.client.call.bind(conn.client);
      const counted: ContractClient['call'] = (method, input) => {
        if (method === 'app.info') polls += 1;
        return call(method, input);
      };
      Object.assign(conn.client, { call: counted });
      return conn;
    },
  });
  return { watch, polls: () => polls };
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (x: number, digits = 2) => x.toFixed(digits);
const spread = (xs: number[], digits = 2) => `${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)}`;

async function idleCpu(windowMs: number): Promise<number> {
  const before = cpuMs();
  await sleep(windowMs);
  return cpuMs() - before;
}

/** CPU ms per poll per machine for `n` machines: this window's CPU minus an idle window's, over the polls. */
async function cpuPerPoll(agents: Agent[], n: number, windowMs: number, pollMs: number) {
  const idle = await idleCpu(windowMs);
  const { watch, polls } = countingWatch(agents.slice(0, n), { pollMs });
  watch.start();
  // Connected and one look each before the window: connecting is not a poll.
  while (watch.snapshot().some((s) => !s.online)) await sleep(50);
  const p0 = polls();
  const before = cpuMs();
  await sleep(windowMs);
  const used = cpuMs() - before;
  const count = polls() - p0;
  await watch.stop();
  return { idle, used, polls: count, perPoll: (used - idle) / count };
}

/** SIGSTOP one agent: ms to offline; SIGCONT: ms to online again. */
async function silentAndBack(agents: Agent[], victim: Agent) {
  const { watch } = countingWatch(agents);
  const state = () => watch.snapshot().find((s) => s.name === victim.name)!;
  watch.start();
  while (watch.snapshot().some((s) => !s.online)) await sleep(20);
  // A random phase against the 3 s poll, as a real machine would go away.
  await sleep(Math.random() * 3000);
  const wait = (online: boolean) =>
    new Promise<number>((resolve) => {
      const started = performance.now();
      const off = watch.onChange(() => {
        if (state().online === online) {
          off();
          resolve(performance.now() - started);
        }
      });
    });
  const offline = wait(false);
  process.kill(victim.serve.pid, 'SIGSTOP');
  const toOffline = await offline;
  const othersOnline = watch.snapshot().filter((s) => s.name !== victim.name && s.online).length;
  await sleep(1000);
  const online = wait(true);
  process.kill(victim.serve.pid, 'SIGCONT');
  const toOnline = await online;
  await watch.stop();
  return { toOffline, toOnline, othersOnline };
}

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} needs a positive number`);
  return v;
}

function onlyPart(args: string[]): 'watch' | 'decision' | 'refresh' | null {
  const i = args.indexOf('--only');
  if (i < 0) return null;
  const v = args[i + 1];
  if (v === 'watch' || v === 'decision' || v === 'refresh') return v;
  throw new Error('--only needs watch, decision or refresh');
}

/** `count` agents over one shared emulator process, started a few at a time (2 cores). */
async function refreshPart(count: number, refreshes: number): Promise<void> {
  const emu = await startEmulatorProcess(['--preload', 'qwen2.5-7b-instruct']);
  const agents: Agent[] = [];
  try {
    for (let i = 0; i < count; i += 4) {
      const batch = Array.from({ length: Math.min(4, count - i) }, (_, k) => startAgent(i + k, emu));
      agents.push(...(await Promise.all(batch)));
    }
    await runRefreshBench(
      agents,
      refreshes,
      `${count} agents: each its own \`loadout serve\` on 127.0.0.N, over one shared emulator process; N=${refreshes} each, interleaved`,
    );
  } finally {
    await Promise.all(agents.map(stopAgent));
    await emu.close();
  }
}

export async function main(args: string[]): Promise<void> {
  const only = onlyPart(args);
  if (only === null || only === 'decision') runDecisionBench(flag(args, '--decisions', 2000), 3);
  if (only === null || only === 'refresh')
    await refreshPart(flag(args, '--refresh-agents', 20), flag(args, '--refreshes', 60));
  if (only === null || only === 'watch') await watchPart(args);
}

async function watchPart(args: string[]): Promise<void> {
  const count = flag(args, '--agents', 8);
  const windowMs = flag(args, '--window-s', 10) * 1000;
  const repeats = flag(args, '--repeats', 3);
  const faults = flag(args, '--faults', 5);
  const pollMs = 1000;
  const sizes = [1, 4, 8].filter((n) => n <= count);
  console.log(
    `fleet watch benchmark: machine ${os.cpus().length}× ${os.cpus()[0]?.model ?? 'CPU'} (load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' ',
      )}), ${process.platform}, Node ${process.version}; ${count} agents (loadout serve + emulator process each)`,
  );
  const agents: Agent[] = [];
  try {
    for (let i = 0; i < count; i++) agents.push(await startAgent(i));
    console.log(
      `\n1. CPU of this process per poll per machine (poll every ${pollMs} ms, ${windowMs / 1000} s windows, N=${repeats})`,
    );
    console.log(
      '| machines | idle window CPU ms | watching CPU ms | polls | CPU ms per poll per machine, median (spread) |',
    );
    console.log('| --- | --- | --- | --- | --- |');
    for (const n of sizes) {
      const runs = [];
      for (let r = 0; r < repeats; r++) runs.push(await cpuPerPoll(agents, n, windowMs, pollMs));
      const per = runs.map((x) => x.perPoll);
      console.log(
        `| ${n} | ${fmt(median(runs.map((x) => x.idle)), 1)} | ${fmt(median(runs.map((x) => x.used)), 1)} | ${median(runs.map((x) => x.polls))} | **${fmt(median(per))}** (${spread(per)}) |`,
      );
    }
    const watched = agents.slice(0, Math.min(4, count));
    console.log(
      `\n2. Silent agent (SIGSTOP) to offline, and SIGCONT to online; ${watched.length} machines, default timings, N=${faults}`,
    );
    const rounds = [];
    for (let r = 0; r < faults; r++) rounds.push(await silentAndBack(watched, watched[r % watched.length]!));
    const off = rounds.map((x) => x.toOffline / 1000);
    const on = rounds.map((x) => x.toOnline / 1000);
    console.log('| | median s | spread s | max s | target |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(
      `| silent → offline | ${fmt(median(off))} | ${spread(off)} | ${fmt(Math.max(...off))} | < 10 s: ${Math.max(...off) < 10 ? 'met' : 'MISSED'} |`,
    );
    console.log(`| back → online | ${fmt(median(on))} | ${spread(on)} | ${fmt(Math.max(...on))} | |`);
    const others = rounds.map((x) => x.othersOnline);
    console.log(`Others online while one was silent: ${others.join(', ')} of ${watched.length - 1} each time.`);
  } finally {
    await Promise.all(agents.map(stopAgent));
  }
}
