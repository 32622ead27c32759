/**
 * The idle-power watchdog's rule, as a pure state machine: a GPU drawing more than `thresholdW` above
 * its idle baseline for `minutes` with no inference raises one alert; it re-arms once the excess ends.
 * Short dips (under `graceMs`) do not restart the clock: an idle GPU stuck in P0 hovers, it does not drop.
 */

export interface IdleExcessConfig {
  thresholdW: number;
  minutes: number;
  /** A dip below the threshold shorter than this keeps the running window. */
  graceMs?: number;
}

/** One observation of one GPU. */
export interface IdleExcessObservation {
  tMs: number;
  powerW: number | null;
  inferring: boolean;
  baselineW: number;
}

/** Raised once per episode. */
export interface IdleExcessAlert {
  sinceMs: number;
  atMs: number;
  /** Average power over the episode (W). */
  watts: number;
  baselineW: number;
  excessW: number;
}

/** Tracks one GPU's excess-idle episode. */
export class IdleExcessDetector {
  private since: number | null = null;
  private lastAbove: number | null = null;
  private sumWms = 0;
  /** The episode's last reading with power; set only while an episode runs. */
  private last: { tMs: number; powerW: number } | null = null;
  private alerted = false;

  constructor(private readonly config: IdleExcessConfig) {}

  /** Whether an excess-idle episode is running (the alert it raised still stands). */
  get inEpisode(): boolean {
    return this.since !== null;
  }

  /** Feed one observation; returns an alert the first time the excess has lasted long enough. */
  observe(o: IdleExcessObservation): IdleExcessAlert | null {
    const grace = this.config.graceMs ?? 30_000;
    const above = o.powerW !== null && o.powerW > o.baselineW + this.config.thresholdW;
    // Past this gate the reading is above, or a dip within grace of one: an episode runs.
    if (o.inferring || (!above && (this.lastAbove === null || o.tMs - this.lastAbove > grace))) {
      this.clear();
      return null;
    }
    if (this.last !== null && o.powerW !== null) {
      this.sumWms += ((this.last.powerW + o.powerW) / 2) * (o.tMs - this.last.tMs);
    }
    if (above) {
      if (this.since === null) {
        this.since = o.tMs;
        this.sumWms = 0;
      }
      this.lastAbove = o.tMs;
    }
    if (o.powerW !== null) this.last = { tMs: o.tMs, powerW: o.powerW };
    if (this.since === null || this.alerted) return null;
    const lasted = o.tMs - this.since;
    if (lasted < this.config.minutes * 60_000) return null;
    this.alerted = true;
    const watts = lasted > 0 ? this.sumWms / lasted : (o.powerW ?? 0);
    return {
      sinceMs: this.since,
      atMs: o.tMs,
      watts,
      baselineW: o.baselineW,
      excessW: Math.max(0, watts - o.baselineW),
    };
  }

  private clear(): void {
    this.since = null;
    this.lastAbove = null;
    this.last = null;
    this.sumWms = 0;
    this.alerted = false;
  }
}
