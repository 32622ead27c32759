/**
 * The kernel's CPU accounting of a process tree, read from outside through /proc (Linux): a second instrument
 * beside the benches' own process.cpuUsage(). Two readings: /proc/<pid>/stat's utime + stime + cutime + cstime in
 * clock ticks, and the scheduler's per-thread nanoseconds (/proc/<pid>/task/<tid>/schedstat) with the reaped
 * children's ticks. Live descendants are summed in; reaped ones are already in their parent's cutime/cstime.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { parseProcStat, parseSchedstatNs } from './_crosscheck-stats';

/** Milliseconds per clock tick, from `getconf CLK_TCK` (USER_HZ, 100 on Linux almost everywhere). */
export function tickMs(): number {
  try {
    const hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    if (hz > 0) return 1000 / hz;
  } catch {
    // getconf missing: the kernel's USER_HZ is 100 on every Linux this runs on.
  }
  return 10;
}

export interface TreeCpu {
  /** utime + stime + cutime + cstime over the tree, ms, tick resolution. */
  statMs: number;
  /** Scheduler nanoseconds of every live thread in the tree plus reaped children's ticks, ms. */
  schedMs: number;
  /** Processes read (the root and its live descendants). */
  processes: number;
  /** Their command names (/proc/<pid>/comm), the root first. */
  names: string[];
  /** Each tick-valued field read, by "pid.field", so two readings can count the fields that moved. */
  ticks: Map<string, number>;
}

function liveChildren(pid: number): number[] {
  const pids: number[] = [];
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) pids.push(...text.split(' ').map(Number));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return pids;
}

/** CPU of `pid` and its live descendants; a descendant that exits mid-read counts as zero (its parent reaps it). */
export function readTreeCpu(pid: number, tick = tickMs()): TreeCpu {
  let stat;
  try {
    stat = parseProcStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return { statMs: 0, schedMs: 0, processes: 0, names: [], ticks: new Map() };
  }
  const reapedMs = (stat.cutime + stat.cstime) * tick;
  let threadsNs = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      threadsNs += parseSchedstatNs(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8'));
    } catch {
      // The thread ended: its time went to the process's dead-thread total, which schedstat cannot see.
    }
  }
  const total: TreeCpu = {
    statMs: (stat.utime + stat.stime) * tick + reapedMs,
    schedMs: threadsNs / 1e6 + reapedMs,
    processes: 1,
    names: [stat.comm],
    ticks: new Map([
      [`${pid}.utime`, stat.utime],
      [`${pid}.stime`, stat.stime],
      [`${pid}.cutime`, stat.cutime],
      [`${pid}.cstime`, stat.cstime],
    ]),
  };
  for (const child of liveChildren(pid)) {
    const c = readTreeCpu(child, tick);
    total.statMs += c.statMs;
    total.schedMs += c.schedMs;
    total.processes += c.processes;
    total.names.push(...c.names);
    for (const [k, v] of c.ticks) total.ticks.set(k, v);
  }
  return total;
}

/** Resolves once `pid` is stopped (state T), so a reading sees no CPU running; gives up after `timeoutMs`. */
export async function waitStopped(pid: number, timeoutMs = 2000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if (parseProcStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')).state === 'T') return true;
    } catch {
      return false;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  return false;
}
