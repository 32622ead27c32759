/**
 * Accumulates attributed intervals into per-minute rollups (one per GPU, minute, preset and set of
 * loaded models). An interval that crosses a minute boundary is split exactly: linearly along the
 * trapezoid for power integration, in proportion to time for counter deltas.
 */
import { intervalJoulesBetween } from './energy-integrator';
import type { EnergyInterval, EnergyState, MinuteRollup } from './types';

export const MINUTE_MS = 60_000;

/** The start (Unix ms) of the minute that contains `tMs`. */
export function minuteStart(tMs: number): number {
  return Math.floor(tMs / MINUTE_MS) * MINUTE_MS;
}

/** The identity of a rollup row: GPU, minute, preset and models. */
export function rollupKey(r: Pick<MinuteRollup, 'gpuKey' | 'minuteMs' | 'presetId' | 'modelKeys'>): string {
  return JSON.stringify([r.gpuKey, r.minuteMs, r.presetId, r.modelKeys]);
}

function emptyStates(): Record<EnergyState, number> {
  return { 'idle-empty': 0, 'loaded-idle': 0, inferring: 0 };
}

/** Split one interval into its per-minute parts, each with its exact share of the energy. */
export function splitByMinute(
  interval: EnergyInterval,
): Array<{ minuteMs: number; startMs: number; endMs: number; joules: number }> {
  const parts: Array<{ minuteMs: number; startMs: number; endMs: number; joules: number }> = [];
  // An interval of no length yields no parts: the loop does not run.
  for (let a = interval.startMs; a < interval.endMs;) {
    const m = minuteStart(a);
    const b = Math.min(interval.endMs, m + MINUTE_MS);
    const joules = intervalJoulesBetween(interval, a, b);
    parts.push({ minuteMs: m, startMs: a, endMs: b, joules });
    a = b;
  }
  // Trapezoid splits sum to the interval's energy analytically; fix float dust so totals stay exact.
  const sum = parts.reduce((s, p) => s + p.joules, 0);
  const last = parts[parts.length - 1];
  if (last) last.joules += interval.joules - sum;
  return parts;
}

/** Open rollups in memory, keyed by GPU, minute, preset and models. */
export class MinuteRollupAccumulator {
  private readonly open = new Map<string, MinuteRollup>();

  /** Add an attributed interval. */
  add(interval: EnergyInterval): void {
    const modelKeys = [...interval.modelKeys].sort();
    for (const part of splitByMinute(interval)) {
      const key = rollupKey({
        gpuKey: interval.gpuKey,
        minuteMs: part.minuteMs,
        presetId: interval.presetId,
        modelKeys,
      });
      let r = this.open.get(key);
      if (!r) {
        r = {
          gpuKey: interval.gpuKey,
          minuteMs: part.minuteMs,
          presetId: interval.presetId,
          modelKeys,
          energyJ: 0,
          coveredMs: 0,
          seconds: emptyStates(),
          joulesByState: emptyStates(),
          peakW: 0,
          method: interval.method,
        };
        this.open.set(key, r);
      }
      const ms = part.endMs - part.startMs;
      r.energyJ += part.joules;
      r.coveredMs += ms;
      r.seconds[interval.state] += ms / 1000;
      r.joulesByState[interval.state] += part.joules;
      r.peakW = Math.max(r.peakW, interval.peakW);
      if (interval.method === 'power-integration') r.method = 'power-integration';
    }
  }

  /** Copies of every rollup still in memory (complete and partial), for a flush. */
  snapshot(): MinuteRollup[] {
    return [...this.open.values()].map((r) => ({
      ...r,
      modelKeys: [...r.modelKeys],
      seconds: { ...r.seconds },
      joulesByState: { ...r.joulesByState },
    }));
  }

  /** Drop rollups of minutes that ended at or before `beforeMs` (already flushed whole). */
  evictBefore(beforeMs: number): void {
    for (const [key, r] of this.open) if (r.minuteMs + MINUTE_MS <= beforeMs) this.open.delete(key);
  }

  /** The number of rollups in memory. */
  get size(): number {
    return this.open.size;
  }
}
