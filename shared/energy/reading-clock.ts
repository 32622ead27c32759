/**
 * When a GPU reading was taken, on the sampler's (system) clock. The driver's own timestamp
 * (nvidia-smi's `timestamp`, NVML's read time) times a reading better than the moment the sampler got
 * it: a delayed pipe or a slow poll must not skew energy. But a driver timestamp more than
 * DRIVER_CLOCK_TRUST_MS off the sampler's clock is on another clock (a replayed capture, a time zone
 * read wrong, a driver clock that drifted), and intervals on it would never overlap anything timed by
 * the system (an answer, a benchmark run). Then the offset is measured at that reading and taken off
 * every following one: readings keep the driver's spacing, placed on the sampler's clock. A later jump
 * past the limit measures it again; a driver clock back within the limit is trusted as it is.
 */

/** How far a driver timestamp may be from the sampler's clock before it is taken for another clock. */
export const DRIVER_CLOCK_TRUST_MS = 60_000;

/** One GPU's reading clock (see the module comment); feed its readings in order. */
export class ReadingClock {
  private offset = 0;

  /** The driver's clock minus the sampler's, as in use now (0 while the driver's timestamps are trusted as they are). */
  get offsetMs(): number {
    return this.offset;
  }

  /** Place one reading: Unix ms on the sampler's clock; NaN only when neither time parses. */
  place(samplerMs: number, driverMs: number | null | undefined): number {
    if (driverMs === null || driverMs === undefined || !Number.isFinite(driverMs)) return samplerMs;
    if (!Number.isFinite(samplerMs)) return driverMs - this.offset;
    if (Math.abs(driverMs - this.offset - samplerMs) > DRIVER_CLOCK_TRUST_MS) {
      this.offset = Math.abs(driverMs - samplerMs) > DRIVER_CLOCK_TRUST_MS ? driverMs - samplerMs : 0;
    }
    return driverMs - this.offset;
  }
}
