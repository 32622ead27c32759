/**
 * Turns one GPU's successive readings into measured intervals: the hardware energy counter first
 * (sum of deltas; a negative delta means the driver reloaded, so re-baseline and lose nothing else),
 * else the trapezoid rule over `power.draw` (the driver's 1-second average, never the instant reading).
 * Readings further apart than the gap limit are not bridged: they become a recorded gap.
 */
import type { EnergyMethod } from './types';

/** One GPU reading, reduced to what energy needs. */
export interface EnergyReading {
  /** When the driver took the reading (Unix ms). */
  tMs: number;
  /** `power.draw` (W), or null. */
  powerW: number | null;
  /** Cumulative hardware energy counter (mJ), or null. */
  counterMJ: number | null;
}

/** What one new reading produced. */
export type IntegrationStep =
  | { kind: 'first' }
  | {
      kind: 'interval';
      startMs: number;
      endMs: number;
      joules: number;
      method: EnergyMethod;
      startW: number | null;
      endW: number | null;
      counterReset: boolean;
    }
  | { kind: 'gap'; startMs: number; endMs: number; reason: string }
  | { kind: 'skipped'; reason: string };

/** A counter delta implying more than this average power is a glitch, not energy. */
const MAX_PLAUSIBLE_W = 5000;

/** Energy (J) of the trapezoid between two power readings. */
export function trapezoidJoules(startW: number, endW: number, seconds: number): number {
  return ((startW + endW) / 2) * seconds;
}

/**
 * Energy (J) from a to b (ms) inside a trapezoid segment whose power goes linearly from startW at
 * segStart to endW at segEnd: used to split one interval exactly across minute boundaries.
 */
export function linearSegmentJoules(
  segStartMs: number,
  segEndMs: number,
  startW: number,
  endW: number,
  aMs: number,
  bMs: number,
): number {
  const span = segEndMs - segStartMs;
  if (span <= 0 || bMs <= aMs) return 0;
  const at = (t: number) => startW + ((endW - startW) * (t - segStartMs)) / span;
  return trapezoidJoules(at(aMs), at(bMs), (bMs - aMs) / 1000);
}

/** What `intervalJoulesBetween` needs of a measured interval. */
export interface MeasuredSpan {
  startMs: number;
  endMs: number;
  joules: number;
  /** Power at the ends (W); null where not read. */
  startW: number | null;
  endW: number | null;
}

/**
 * Energy (J) of the part [a, b] of a measured interval. Between two readings the power curve is the
 * straight line the trapezoid assumes, so the part's energy is that line's integral; for a counter
 * interval the counter's delta is split in the same proportion (the curve gives the shape, the counter
 * the amount). Without power readings the split is proportional to time.
 */
export function intervalJoulesBetween(interval: MeasuredSpan, aMs: number, bMs: number): number {
  const a = Math.max(aMs, interval.startMs);
  const b = Math.min(bMs, interval.endMs);
  // b > a implies the interval has length, so span below is positive.
  if (b <= a) return 0;
  const span = interval.endMs - interval.startMs;
  if (interval.startW !== null && interval.endW !== null) {
    const part = linearSegmentJoules(interval.startMs, interval.endMs, interval.startW, interval.endW, a, b);
    const whole = trapezoidJoules(interval.startW, interval.endW, span / 1000);
    if (whole > 0) return (interval.joules * part) / whole;
  }
  return (interval.joules * (b - a)) / span;
}

/** Stateful integrator for one GPU; pure (no clock, no I/O). */
export class EnergyIntegrator {
  private last: EnergyReading | null = null;

  /** Readings further apart than this (ms) are a gap; the tracker updates it when settings change. */
  constructor(public gapLimitMs: number) {}

  /** Feed the next reading; readings out of order or duplicated are skipped, never counted twice. */
  push(reading: EnergyReading): IntegrationStep {
    if (!Number.isFinite(reading.tMs)) return { kind: 'skipped', reason: 'reading has no valid time' };
    const prev = this.last;
    if (!prev) {
      this.last = reading;
      return { kind: 'first' };
    }
    const dtMs = reading.tMs - prev.tMs;
    if (dtMs <= 0)
      return { kind: 'skipped', reason: dtMs === 0 ? 'duplicate reading' : 'reading older than the previous one' };
    this.last = reading;
    if (dtMs > this.gapLimitMs) {
      return {
        kind: 'gap',
        startMs: prev.tMs,
        endMs: reading.tMs,
        reason: `no reading for ${(dtMs / 1000).toFixed(1)} s (limit ${(this.gapLimitMs / 1000).toFixed(1)} s)`,
      };
    }
    const seconds = dtMs / 1000;
    const powerStep = (counterReset: boolean): IntegrationStep | null => {
      if (prev.powerW === null || reading.powerW === null) return null;
      return {
        kind: 'interval',
        startMs: prev.tMs,
        endMs: reading.tMs,
        joules: trapezoidJoules(prev.powerW, reading.powerW, seconds),
        method: 'power-integration',
        startW: prev.powerW,
        endW: reading.powerW,
        counterReset,
      };
    };
    if (prev.counterMJ !== null && reading.counterMJ !== null) {
      const deltaJ = (reading.counterMJ - prev.counterMJ) / 1000;
      if (deltaJ >= 0 && deltaJ / seconds <= MAX_PLAUSIBLE_W) {
        // The power readings ride along: they give the curve's shape, used to split the delta over sub-intervals.
        return {
          kind: 'interval',
          startMs: prev.tMs,
          endMs: reading.tMs,
          joules: deltaJ,
          method: 'counter',
          startW: prev.powerW,
          endW: reading.powerW,
          counterReset: false,
        };
      }
      // The counter went backwards (driver reload) or jumped: re-baseline on this reading and
      // measure this one interval from power, so only the counter's broken delta is lost.
      return (
        powerStep(true) ?? {
          kind: 'gap',
          startMs: prev.tMs,
          endMs: reading.tMs,
          reason:
            deltaJ < 0
              ? 'energy counter reset (driver reloaded) and no power reading'
              : 'implausible energy counter jump and no power reading',
        }
      );
    }
    return powerStep(false) ?? { kind: 'gap', startMs: prev.tMs, endMs: reading.tMs, reason: 'no power reading' };
  }

  /** Forget the last reading (sampler restarted): the next reading starts fresh, nothing is bridged. */
  reset(): void {
    this.last = null;
  }
}
