/**
 * Turns one GPU's successive readings into measured intervals: the hardware energy counter first
 * (sum of deltas; a negative delta means the driver reloaded, so re-baseline and lose nothing else),
 * else the trapezoid rule over `power.draw` (the driver's 1-second average, never the instant reading).
 * Readings further apart than the gap limit are not bridged: they become a recorded gap.
 * A counter read only every few seconds (counter-reads.ts) is reconciled: the readings between two reads
 * are held, and when the next read lands its delta is split over them along the power curve, so each
 * ~1-s interval keeps its own share and the shares add up to the delta exactly.
 */
import { type CounterNotRead, COUNTER_NOT_READ, MAX_HELD_COUNTER_MS } from './counter-reads';
import type { EnergyMethod } from './types';

/** One GPU reading, reduced to what energy needs; `tag` rides along to the interval that ends at it. */
export interface EnergyReading<Tag = undefined> {
  /** When the driver took the reading (Unix ms). */
  tMs: number;
  /** `power.draw` (W), or null. */
  powerW: number | null;
  /** Cumulative hardware energy counter (mJ); null where unsupported or failed; COUNTER_NOT_READ between reads. */
  counterMJ: number | null | CounterNotRead;
  /** What the caller knew at this reading (the tracker's attribution), returned on the interval ending here. */
  tag?: Tag;
}

/** What one new reading produced (a push returns several, or none while readings wait for the counter). */
export type IntegrationStep<Tag = undefined> =
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
      /** The tag of the reading that ends this interval. */
      tag?: Tag;
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
export class EnergyIntegrator<Tag = undefined> {
  private last: EnergyReading<Tag> | null = null;
  /** The latest reading with a counter value: the start of the span the next counter read reconciles. */
  private anchor: Anchored<Tag> | null = null;
  /** Readings since `anchor` whose counter was not read, in order: booked when the next read lands. */
  private held: EnergyReading<Tag>[] = [];

  /**
   * Readings further apart than `gapLimitMs` are a gap; the tracker updates it when settings change.
   * Held readings spanning more than `maxHeldMs` are booked from power (the counter did not come back).
   */
  constructor(
    public gapLimitMs: number,
    public maxHeldMs: number = MAX_HELD_COUNTER_MS,
  ) {}

  /** Up to when the readings are booked (Unix ms): held readings are not yet; null before the first reading. */
  get bookedThroughMs(): number | null {
    return this.held.length > 0 ? this.anchor!.tMs : (this.last?.tMs ?? null);
  }

  /**
   * Feed the next reading; readings out of order or duplicated are skipped, never counted twice. Returns
   * what it booked: one step as a rule, none while it waits for the counter, several when a counter read
   * settles the readings held before it.
   */
  push(reading: EnergyReading<Tag>): IntegrationStep<Tag>[] {
    if (!Number.isFinite(reading.tMs)) return [{ kind: 'skipped', reason: 'reading has no valid time' }];
    const prev = this.last;
    if (!prev) {
      this.last = reading;
      this.anchor = anchored(reading);
      return [{ kind: 'first' }];
    }
    const dtMs = reading.tMs - prev.tMs;
    if (dtMs <= 0)
      return [{ kind: 'skipped', reason: dtMs === 0 ? 'duplicate reading' : 'reading older than the previous one' }];
    this.last = reading;
    const counter = reading.counterMJ;
    if (dtMs > this.gapLimitMs) {
      // Not bridged: what was held is booked from power up to the last reading before the gap.
      const steps = this.bookFromPower(prev, []);
      this.anchor = anchored(reading);
      steps.push({
        kind: 'gap',
        startMs: prev.tMs,
        endMs: reading.tMs,
        reason: `no reading for ${(dtMs / 1000).toFixed(1)} s (limit ${(this.gapLimitMs / 1000).toFixed(1)} s)`,
      });
      return steps;
    }
    const anchor = this.anchor;
    if (counter === COUNTER_NOT_READ && anchor) {
      if (reading.tMs - anchor.tMs <= this.maxHeldMs) {
        this.held.push(reading);
        return [];
      }
      const steps = this.bookFromPower(prev, [reading]);
      this.anchor = null; // the counter did not come back in time: power booked the span, the next read re-anchors
      return steps;
    }
    if (typeof counter !== 'number' || !anchor) {
      // No counter at one end (unsupported, failed, not read without a baseline): power, as without a counter.
      const steps = this.bookFromPower(prev, [reading]);
      this.anchor = anchored(reading);
      return steps;
    }
    const points = [anchor, ...this.held, reading];
    this.held = [];
    this.anchor = anchored(reading);
    const deltaJ = (counter - anchor.counterMJ) / 1000;
    if (deltaJ >= 0 && deltaJ / ((reading.tMs - anchor.tMs) / 1000) <= MAX_PLAUSIBLE_W)
      return splitCounterDelta(points, deltaJ);
    // The counter went backwards (driver reload) or jumped: re-baseline on this reading and measure the
    // span since the last read from power, so only the counter's broken delta is lost.
    const reason =
      deltaJ < 0
        ? 'energy counter reset (driver reloaded) and no power reading'
        : 'implausible energy counter jump and no power reading';
    return powerSteps(points, true, reason);
  }

  /**
   * Book the held readings from power now (the readings end: a benchmark run's window closes, the tracker
   * stops), so nothing waits for a counter read that will not come. Returns what it booked.
   */
  flushHeld(): IntegrationStep<Tag>[] {
    if (this.held.length === 0) return [];
    const steps = this.bookFromPower(this.last!, []);
    this.anchor = null; // the last reading had no counter: the next read re-anchors
    return steps;
  }

  /** Forget the last reading and anything held (sampler restarted): the next reading starts fresh, nothing is bridged. */
  reset(): void {
    this.last = null;
    this.anchor = null;
    this.held = [];
  }

  /** Book [anchor, held…] (or just `prev` when nothing is held) then `then` from power; the held list empties. */
  private bookFromPower(prev: EnergyReading<Tag>, then: EnergyReading<Tag>[]): IntegrationStep<Tag>[] {
    // With readings held, the span starts at the anchor (the last of them is `prev`); without, at `prev`.
    const points = [...(this.held.length > 0 ? [this.anchor!, ...this.held] : [prev]), ...then];
    this.held = [];
    return powerSteps(points, false, 'no power reading');
  }
}

/** A reading whose counter was read: the baseline of the next delta. */
type Anchored<Tag> = EnergyReading<Tag> & { counterMJ: number };

function anchored<Tag>(reading: EnergyReading<Tag>): Anchored<Tag> | null {
  return typeof reading.counterMJ === 'number' ? (reading as Anchored<Tag>) : null;
}

/** One interval per pair of consecutive readings, measured from power; a pair without power is a gap. */
function powerSteps<Tag>(
  points: readonly EnergyReading<Tag>[],
  counterReset: boolean,
  noPowerReason: string,
): IntegrationStep<Tag>[] {
  const steps: IntegrationStep<Tag>[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (a.powerW === null || b.powerW === null) {
      steps.push({ kind: 'gap', startMs: a.tMs, endMs: b.tMs, reason: noPowerReason });
      continue;
    }
    steps.push({
      kind: 'interval',
      startMs: a.tMs,
      endMs: b.tMs,
      joules: trapezoidJoules(a.powerW, b.powerW, (b.tMs - a.tMs) / 1000),
      method: 'power-integration',
      startW: a.powerW,
      endW: b.powerW,
      counterReset,
      tag: b.tag,
    });
  }
  return steps;
}

/**
 * One counter interval per pair of consecutive readings, the delta split in proportion to the power
 * curve (each pair's trapezoid), or to time where a power reading is missing or the curve is all zero.
 * The last part takes what the others leave, so the parts add up to the delta exactly.
 */
function splitCounterDelta<Tag>(points: readonly EnergyReading<Tag>[], deltaJ: number): IntegrationStep<Tag>[] {
  const pairs = points.slice(1).map((b, i) => ({ a: points[i]!, b }));
  const byPower = pairs.every(({ a, b }) => a.powerW !== null && b.powerW !== null);
  // Only the ratios count, so the trapezoids are taken over milliseconds.
  const weights = pairs.map(({ a, b }) =>
    byPower ? trapezoidJoules(a.powerW!, b.powerW!, b.tMs - a.tMs) : b.tMs - a.tMs,
  );
  const total = weights.reduce((sum, w) => sum + w, 0);
  const span = points[points.length - 1]!.tMs - points[0]!.tMs;
  let left = deltaJ;
  return pairs.map(({ a, b }, i) => {
    const share = total > 0 ? weights[i]! / total : (b.tMs - a.tMs) / span;
    const joules = i === pairs.length - 1 ? Math.max(0, left) : deltaJ * share;
    left -= joules;
    return {
      kind: 'interval',
      startMs: a.tMs,
      endMs: b.tMs,
      joules,
      method: 'counter',
      startW: a.powerW,
      endW: b.powerW,
      counterReset: false,
      tag: b.tag,
    };
  });
}
