/**
 * When to look for the NVIDIA driver again after a probe found no GPU source: soon at first (the
 * tray app starts at login, often a few seconds before the driver answers; a TDR reset takes ~2 s),
 * then every 30 s, so a machine without a driver pays one cheap probe per half-minute, never a storm.
 */

/** The first delays, in order; after them every probe waits `DRIVER_PROBE_STEADY_MS`. */
export const DRIVER_PROBE_FIRST_DELAYS_MS: readonly number[] = [2_000, 4_000, 8_000, 16_000];
export const DRIVER_PROBE_STEADY_MS = 30_000;

/** How long to wait before the next probe, given how many probes in a row have failed (1 for the first failure). */
export function driverProbeDelayMs(failures: number): number {
  const i = Math.max(1, Math.floor(failures)) - 1;
  return DRIVER_PROBE_FIRST_DELAYS_MS[i] ?? DRIVER_PROBE_STEADY_MS;
}

/** Whole seconds from a sample's time to the next driver probe (0 while one is running), for "next check in N s". */
export function secondsToNextDriverProbe(wait: { nextProbeAt: string | null }, sampleTimestamp: string): number {
  if (wait.nextProbeAt === null) return 0;
  const ms = Date.parse(wait.nextProbeAt) - Date.parse(sampleTimestamp);
  return Number.isFinite(ms) ? Math.max(0, Math.ceil(ms / 1000)) : 0;
}
