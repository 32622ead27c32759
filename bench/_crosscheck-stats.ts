/** Pure helpers for bench/crosscheck.ts: a figure with its spread, the agreement verdict, and /proc parsers. */

/** A central value and the spread its bench states for it (min–max, p10–p90 or a 95 % CI). */
export interface Figure {
  value: number;
  lo: number;
  hi: number;
}

export interface Verdict {
  agree: boolean;
  /** "agree: 2.36 ms vs 2.31 ms, within 1.90–2.40" or "DISAGREE: …, outside …". */
  text: string;
}

/** Median and min–max of replicas (what bench/telemetry.ts states). */
export function medianMinMax(values: number[]): Figure {
  if (values.length === 0) throw new Error('no values to summarise');
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  const value = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { value, lo: s[0]!, hi: s[n - 1]! };
}

/**
 * Whether the independent figure agrees with the bench's: its central value must lie inside the spread the bench
 * states, widened on each side by `resolution`, the smallest difference the independent instrument can see
 * (e.g. two clock ticks spread over the window's samples). Any NaN disagrees.
 */
export function agreement(bench: Figure, independent: number, unit: string, resolution = 0, digits = 2): Verdict {
  const lo = bench.lo - resolution;
  const hi = bench.hi + resolution;
  const agree = Number.isFinite(independent) && independent >= lo && independent <= hi;
  const f = (x: number) => x.toFixed(digits);
  const widened = resolution > 0 ? ` (bench ${f(bench.lo)}–${f(bench.hi)} ± resolution ${f(resolution)})` : '';
  return {
    agree,
    text: `${agree ? 'agree' : 'DISAGREE'}: bench ${f(bench.value)} ${unit} vs independent ${f(independent)} ${unit}, ${agree ? 'within' : 'outside'} ${f(lo)}–${f(hi)}${widened}`,
  };
}

/** The fields of /proc/<pid>/stat this tool needs (times in clock ticks). */
export interface ProcStat {
  comm: string;
  state: string;
  ppid: number;
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
}

/** Parses /proc/<pid>/stat; the command name may hold spaces and parentheses, so fields count from the last ')'. */
export function parseProcStat(text: string): ProcStat {
  const close = text.lastIndexOf(')');
  if (close < 0) throw new Error(`not a /proc/<pid>/stat line: ${text.slice(0, 80)}`);
  // After ") ": field 3 (state) is index 0, so field k is index k − 3.
  const f = text
    .slice(close + 2)
    .trim()
    .split(' ');
  const num = (field: number) => {
    const v = Number(f[field - 3]);
    if (!Number.isFinite(v)) throw new Error(`field ${field} of /proc/<pid>/stat is not a number: ${f[field - 3]}`);
    return v;
  };
  const comm = text.slice(text.indexOf('(') + 1, close);
  return { comm, state: f[0] ?? '?', ppid: num(4), utime: num(14), stime: num(15), cutime: num(16), cstime: num(17) };
}

/** /proc/<pid>/task/<tid>/schedstat: nanoseconds on a CPU, nanoseconds waiting, time slices. */
export function parseSchedstatNs(text: string): number {
  const ns = Number(text.trim().split(/\s+/)[0]);
  if (!Number.isFinite(ns)) throw new Error(`not a schedstat line: ${text.slice(0, 80)}`);
  return ns;
}

/**
 * How far a difference of two tick readings can be from the truth: the kernel keeps CPU time in nanoseconds and
 * prints each field truncated to whole clock ticks, so each field's difference can be off by up to one tick, moved
 * or not (a process that ran 6 ms may show 0). Counts every field either reading has; `only` keeps the fields
 * whose name ends so (e.g. the reaped children's, for the schedstat reading).
 */
export function tickResolutionMs(
  before: Map<string, number>,
  after: Map<string, number>,
  tickMs: number,
  only?: string[],
): number {
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  return keys.filter((key) => !only || only.some((suffix) => key.endsWith(suffix))).length * tickMs;
}
