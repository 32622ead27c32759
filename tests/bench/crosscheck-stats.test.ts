import { describe, expect, it } from 'vitest';
import {
  agreement,
  medianMinMax,
  parseProcStat,
  parseSchedstatNs,
  tickResolutionMs,
} from '../../bench/_crosscheck-stats';

/** A /proc/<pid>/stat line: fields 3.. after the command; utime, stime, cutime, cstime are fields 14–17. */
function statLine(comm: string, times: [number, number, number, number], state = 'S', ppid = 77): string {
  const rest = [state, ppid, 1, 1, 0, -1, 4194560, 100, 0, 0, 0, ...times, 20, 0, 7, 0, 123456];
  return `4242 (${comm}) ${rest.join(' ')}\n`;
}

describe('crosscheck: does an independent figure agree with a bench figure within its spread', () => {
  it('summarises replicas as their median and min–max', () => {
    expect(medianMinMax([3, 1, 2])).toEqual({ value: 2, lo: 1, hi: 3 });
    expect(medianMinMax([4, 1, 2, 3])).toEqual({ value: 2.5, lo: 1, hi: 4 });
    expect(() => medianMinMax([])).toThrow(/no values/);
  });

  it('agrees inside the stated spread, bounds included, and disagrees just outside it', () => {
    const bench = { value: 2.36, lo: 1.9, hi: 2.4 };
    expect(agreement(bench, 2.31, 'ms')).toEqual({
      agree: true,
      text: 'agree: bench 2.36 ms vs independent 2.31 ms, within 1.90–2.40',
    });
    expect(agreement(bench, 1.9, 'ms').agree).toBe(true);
    expect(agreement(bench, 2.4, 'ms').agree).toBe(true);
    const above = agreement(bench, 2.41, 'ms');
    expect(above.agree).toBe(false);
    expect(above.text).toBe('DISAGREE: bench 2.36 ms vs independent 2.41 ms, outside 1.90–2.40');
    expect(agreement(bench, 1.89, 'ms').agree).toBe(false);
  });

  it("widens the spread by the independent instrument's resolution, on both sides, and says so", () => {
    const bench = { value: 1, lo: 0.9, hi: 1.1 };
    expect(agreement(bench, 1.3, 'ms').agree).toBe(false);
    const widened = agreement(bench, 1.3, 'ms', 0.25);
    expect(widened.agree).toBe(true);
    expect(widened.text).toContain('within 0.65–1.35 (bench 0.90–1.10 ± resolution 0.25)');
    expect(agreement(bench, 0.64, 'ms', 0.25).agree).toBe(false);
  });

  it('never agrees with a missing figure', () => {
    expect(agreement({ value: 1, lo: 0, hi: 2 }, NaN, 'ms').agree).toBe(false);
  });
});

describe('crosscheck: reading the kernel accounting', () => {
  it('reads the times from /proc/<pid>/stat even when the command name holds spaces and parentheses', () => {
    expect(parseProcStat(statLine('node (x) y', [11, 12, 13, 14], 'T', 9))).toEqual({
      comm: 'node (x) y',
      state: 'T',
      ppid: 9,
      utime: 11,
      stime: 12,
      cutime: 13,
      cstime: 14,
    });
    expect(() => parseProcStat('garbage')).toThrow(/not a \/proc/);
  });

  it('reads the nanoseconds on a CPU from schedstat', () => {
    expect(parseSchedstatNs('122218 112890 2\n')).toBe(122218);
    expect(() => parseSchedstatNs('x y z')).toThrow(/schedstat/);
  });

  it('allows one tick of truncation for every field either reading has, moved or not', () => {
    const before = new Map([
      ['1.utime', 5],
      ['1.stime', 2],
      ['1.cutime', 0],
      ['1.cstime', 0],
    ]);
    const after = new Map([...before, ['1.utime', 6], ['2.utime', 1], ['2.cutime', 0]]);
    expect(tickResolutionMs(before, after, 10)).toBe(60);
    expect(tickResolutionMs(before, after, 10, ['.cutime', '.cstime'])).toBe(30);
  });
});
