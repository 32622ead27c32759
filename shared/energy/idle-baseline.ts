/**
 * A GPU's idle baseline: what it draws with nothing loaded. Learned as a low percentile of its
 * idle-empty power (robust to the odd spike), else a default from its power limit.
 */

/** Which percentile of idle-empty power counts as the baseline. */
export const IDLE_BASELINE_PERCENTILE = 10;
/** Minimum idle-empty minutes before the learned baseline is trusted. */
export const IDLE_BASELINE_MIN_SAMPLES = 5;
/** Default baseline as a share of the power limit (an RTX 3090: 350 W → 35 W, what users report with nothing loaded). */
export const DEFAULT_BASELINE_SHARE_OF_LIMIT = 0.1;
/** Default baseline when the power limit is unknown. */
export const DEFAULT_BASELINE_W = 30;

/** The p-th percentile (0–100, nearest rank) of `values`, or null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** Where a baseline came from, so a person can tell a learned figure from a guess. */
export interface IdleBaseline {
  watts: number;
  source: 'learned' | 'power-limit' | 'default';
}

/** The baseline from idle-empty power readings (per-minute averages), else from the power limit, else the default. */
export function idleBaseline(idleEmptyWatts: readonly number[], powerLimitW: number | null): IdleBaseline {
  if (idleEmptyWatts.length >= IDLE_BASELINE_MIN_SAMPLES) {
    const learned = percentile(idleEmptyWatts, IDLE_BASELINE_PERCENTILE);
    if (learned !== null) return { watts: learned, source: 'learned' };
  }
  if (powerLimitW !== null && powerLimitW > 0)
    return { watts: powerLimitW * DEFAULT_BASELINE_SHARE_OF_LIMIT, source: 'power-limit' };
  return { watts: DEFAULT_BASELINE_W, source: 'default' };
}

/** Joules spent above the baseline during `seconds` of idle that used `joules` in total (never negative). */
export function idleWasteJoules(joules: number, seconds: number, baselineW: number): number {
  return Math.max(0, joules - baselineW * seconds);
}
