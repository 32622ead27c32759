import { describe, expect, it } from 'vitest';
import { SampleHistory } from '../../../renderer/src/store/sample-history';
import { sampleAt } from '../../support/fake-api';

const t0 = Date.parse('2026-11-26T10:00:00Z');
const iso = (s: number) => new Date(t0 + s * 1000).toISOString();

describe('SampleHistory', () => {
  it('keeps samples in order and returns the window since a time', () => {
    const h = new SampleHistory(10);
    for (let i = 0; i < 5; i++) h.append(sampleAt(iso(i), 100 + i));
    const [time, power] = h.window(['powerW'], t0 / 1000 + 2);
    expect(Array.from(time!)).toEqual([2, 3, 4].map((s) => t0 / 1000 + s));
    expect(Array.from(power!)).toEqual([102, 103, 104]);
  });

  it('wraps around its capacity without losing order or growing', () => {
    const h = new SampleHistory(4);
    for (let i = 0; i < 11; i++) h.append(sampleAt(iso(i), i));
    expect(h.size).toBe(4);
    const [, power] = h.window(['powerW'], 0);
    expect(Array.from(power!)).toEqual([7, 8, 9, 10]);
  });

  it('stores unknown readings as NaN (a gap in the chart), never as 0', () => {
    const h = new SampleHistory(4);
    h.append(sampleAt(iso(0), null));
    const [, power, vram] = h.window(['powerW', 'vramUsedGiB'], 0);
    expect(Number.isNaN(power![0])).toBe(true);
    expect(vram![0]).toBeCloseTo(7_187_000_000 / 1024 ** 3, 6);
  });

  it('keeps per-core series and grows them when more cores appear', () => {
    const h = new SampleHistory(4);
    h.append(sampleAt(iso(0), 1, [5]));
    h.append(sampleAt(iso(1), 1, [6, 7]));
    expect(h.coreCount).toBe(2);
    const [, c0, c1] = h.window(['core0', 'core1'], 0);
    expect(Array.from(c0!)).toEqual([5, 6]);
    expect(Number.isNaN(c1![0])).toBe(true);
    expect(c1![1]).toBe(7);
  });

  it('notifies subscribers once per append and stops after unsubscribe', () => {
    const h = new SampleHistory(4);
    let n = 0;
    const off = h.subscribe(() => n++);
    h.append(sampleAt(iso(0), 1));
    off();
    h.append(sampleAt(iso(1), 1));
    expect(n).toBe(1);
    expect(h.changeVersion).toBe(2);
  });
});

describe('SampleHistory.latestTime', () => {
  it('is the newest sample time (NaN when empty), so windows follow the core clock', () => {
    const h = new SampleHistory(3);
    expect(Number.isNaN(h.latestTime)).toBe(true);
    for (let i = 0; i < 5; i++) h.append(sampleAt(iso(i * 10), 1));
    expect(h.latestTime).toBe(t0 / 1000 + 40);
  });
});
