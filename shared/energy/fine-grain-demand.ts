/**
 * Whether something measures energy at fine grain now (an answer Loadout tracks, a benchmark run's window),
 * so the GPU's energy counter is read every sample rather than every ENERGY_COUNTER_PERIOD_MS. Between two
 * reads the integrator splits the delta along the power curve: exact in total, but a short bursty answer
 * inside the span would get a power-shaped share instead of its own seconds' deltas.
 *
 * A hold lasts from its start to its release, and then until a sample read after the release has been
 * published (that sample reads the counter, so the span is bracketed by reads and its readings are booked).
 */
export class FineGrainDemand {
  private holds = 0;
  /** After the last release: the time a published reading must reach before the demand ends; null when none waits. */
  private settleAtMs: number | null = null;

  /**
   * @param now the sampler's clock (the time readings are compared with)
   * @param onChange told each time `wanted()` turns true or false
   */
  constructor(
    private readonly now: () => number,
    private readonly onChange: (wanted: boolean) => void = () => undefined,
  ) {}

  /** Whether the counter should be read every sample now. */
  wanted(): boolean {
    return this.holds > 0 || this.settleAtMs !== null;
  }

  /** Start measuring at fine grain; call the returned function once when done (later calls do nothing). */
  hold(): () => void {
    const was = this.wanted();
    this.holds += 1;
    if (!was) this.onChange(true);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      // The latest release counts (holds still running keep it wanted anyway).
      this.settleAtMs = Math.max(this.settleAtMs ?? -Infinity, this.now());
    };
  }

  /** A sample whose readings were taken at `readAtMs` was published (and booked by its subscribers). */
  sampled(readAtMs: number): void {
    if (this.holds > 0 || this.settleAtMs === null || !(readAtMs >= this.settleAtMs)) return;
    this.settleAtMs = null;
    this.onChange(false);
  }
}
