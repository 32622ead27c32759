// The idle-power watchdog's edges: the threshold, the grace for dips, missing power and the average it
// reports (issue 15). Baseline 35 W throughout; averages are worked out by hand with the trapezoid rule.
import { describe, expect, it } from 'vitest';
import { IdleExcessDetector, type IdleExcessAlert } from '../../../shared/energy/idle-excess';

/** Feed [tMs, powerW] pairs (no inference); returns the alerts raised. */
function feed(d: IdleExcessDetector, points: Array<[number, number | null]>): IdleExcessAlert[] {
  const alerts: IdleExcessAlert[] = [];
  for (const [tMs, powerW] of points) {
    const alert = d.observe({ tMs, powerW, inferring: false, baselineW: 35 });
    if (alert) alerts.push(alert);
  }
  return alerts;
}

describe('idle excess detector edges', () => {
  it('counts only power strictly above baseline + threshold', () => {
    const at75 = new IdleExcessDetector({ thresholdW: 40, minutes: 1 });
    expect(
      feed(at75, [
        [0, 75],
        [30_000, 75],
        [60_000, 75],
        [90_000, 75],
      ]),
    ).toEqual([]);
    expect(at75.inEpisode).toBe(false);
    const over = new IdleExcessDetector({ thresholdW: 40, minutes: 1 });
    expect(
      feed(over, [
        [0, 75.5],
        [30_000, 75.5],
        [60_000, 75.5],
      ]),
    ).toEqual([{ sinceMs: 0, atMs: 60_000, watts: 75.5, baselineW: 35, excessW: 40.5 }]);
  });

  it('alerts exactly when the excess has lasted the set minutes, not a reading before', () => {
    const d = new IdleExcessDetector({ thresholdW: 40, minutes: 1 });
    expect(
      feed(d, [
        [0, 130],
        [59_999, 130],
      ]),
    ).toEqual([]);
    expect(feed(d, [[60_000, 130]])).toHaveLength(1);
  });

  it('keeps the window through a dip of exactly the default 30 s grace, and averages the dip in', () => {
    // 0–30 s falls from 130 to 50 W, 30–60 s rises back: (90 W × 30 s + 90 W × 30 s) / 60 s = 90 W.
    const d = new IdleExcessDetector({ thresholdW: 40, minutes: 1 });
    expect(
      feed(d, [
        [0, 130],
        [30_000, 50],
        [60_000, 130],
      ]),
    ).toEqual([{ sinceMs: 0, atMs: 60_000, watts: 90, baselineW: 35, excessW: 55 }]);
  });

  it('restarts the window after a dip 1 ms longer than the default grace', () => {
    const d = new IdleExcessDetector({ thresholdW: 40, minutes: 1 });
    feed(d, [
      [0, 130],
      [10_000, 50],
      [30_001, 50],
    ]);
    expect(d.inEpisode).toBe(false);
    expect(
      feed(d, [
        [31_000, 130],
        [90_000, 130],
      ]),
    ).toEqual([]);
    expect(feed(d, [[91_000, 130]])).toEqual([
      { sinceMs: 31_000, atMs: 91_000, watts: 130, baselineW: 35, excessW: 95 },
    ]);
  });

  it('bridges a reading without power inside the grace, and does not count it as zero watts', () => {
    const d = new IdleExcessDetector({ thresholdW: 40, minutes: 1 });
    expect(
      feed(d, [
        [0, 130],
        [20_000, null],
        [40_000, 130],
        [60_000, 130],
      ]),
    ).toEqual([{ sinceMs: 0, atMs: 60_000, watts: 130, baselineW: 35, excessW: 95 }]);
  });

  it('ends the episode when power goes unread for longer than the grace: no reading is no evidence', () => {
    const d = new IdleExcessDetector({ thresholdW: 40, minutes: 1 });
    feed(d, [
      [0, 130],
      [15_000, null],
      [30_001, null],
    ]);
    expect(d.inEpisode).toBe(false);
  });

  it("with zero minutes alerts on the first reading above, at that reading's power", () => {
    const d = new IdleExcessDetector({ thresholdW: 40, minutes: 0 });
    expect(feed(d, [[5000, 130]])).toEqual([{ sinceMs: 5000, atMs: 5000, watts: 130, baselineW: 35, excessW: 95 }]);
  });

  it('never reports a negative excess when deep dips pull the average under the baseline', () => {
    // Threshold 0: 36 W starts the episode, then 0 W. (36 + 0) / 2 W × 29 s / 30 s = 17.4 W, below 35 W.
    const d = new IdleExcessDetector({ thresholdW: 0, minutes: 0.5 });
    const alerts = feed(d, [
      [0, 36],
      [29_000, 0],
      [30_000, 0],
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.watts).toBeCloseTo(17.4, 9);
    expect(alerts[0]!.excessW).toBe(0);
  });

  it('is in an episode from the first reading above until inference ends it', () => {
    const d = new IdleExcessDetector({ thresholdW: 40, minutes: 10 });
    expect(d.inEpisode).toBe(false);
    feed(d, [[0, 130]]);
    expect(d.inEpisode).toBe(true);
    d.observe({ tMs: 1000, powerW: 130, inferring: true, baselineW: 35 });
    expect(d.inEpisode).toBe(false);
  });
});
