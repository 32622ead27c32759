/**
 * Drops GPU values that cannot be physically true, so a driver glitch reads as "unknown" (null)
 * instead of passing for a measurement. Both sources go through here: NVML answers unsigned
 * integers whose "no value" sentinels (0xFFFFFFFF) look like huge readings, and nvidia-smi has been
 * seen printing negative or absurd numbers around a driver reset (TDR) before it prints `[N/A]`.
 * Every bound below says which law or hardware limit rules the value out.
 */
import type { GpuSample } from './sample';

/**
 * No single GPU board draws this much: the largest NVIDIA parts are rated ~1.2 kW (GB200) and the
 * PCIe/SXM power delivery of any board tops out well below. NVML's 0xFFFFFFFF mW sentinel reads as 4 294 967 W.
 */
export const MAX_BOARD_POWER_W = 3000;
/**
 * The power limiter holds the 1-s average (the `power.draw` we read) at the enforced limit; short
 * spikes above it are absorbed by the averaging, so a reading over twice the limit is not a real average.
 */
export const MAX_POWER_OVER_LIMIT = 2;
/**
 * A running GPU's die is never this hot: NVIDIA parts throttle near 85–90 °C and shut down by about
 * 105 °C, so a reading above 150 °C is a sensor fault (or NVML's 0xFFFFFFFF sentinel).
 */
export const MAX_GPU_TEMPERATURE_C = 150;
/** Colder than any GPU runs outside a cryogenic rig (below what silicon is rated to operate at). */
export const MIN_GPU_TEMPERATURE_C = -60;

/** A value that must be ≥ 0 (power, memory, clocks, counters: nothing here is negative), else null. */
function nonNegative(v: number | null): number | null {
  return v === null || v < 0 ? null : v;
}

/** Utilisation is a share of time: outside 0–100 % it is not a measurement. */
function percentOfTime(v: number | null): number | null {
  return v === null || v < 0 || v > 100 ? null : v;
}

/** Return the sample with every physically impossible value replaced by null (the rest unchanged). */
export function dropImpossibleGpuValues(sample: GpuSample): GpuSample {
  // A zero or negative limit would mean the board cannot draw power at all; it is a bad reading.
  const powerLimitW =
    sample.powerLimitW !== null && sample.powerLimitW > 0 && sample.powerLimitW <= MAX_BOARD_POWER_W
      ? sample.powerLimitW
      : null;
  let powerW = nonNegative(sample.powerW); // a board only consumes power: a negative draw is impossible
  if (
    powerW !== null &&
    (powerW > MAX_BOARD_POWER_W || (powerLimitW !== null && powerW > powerLimitW * MAX_POWER_OVER_LIMIT))
  )
    powerW = null;
  // A board cannot have zero or negative memory, and cannot use more than it has.
  const memoryTotalBytes =
    sample.memoryTotalBytes !== null && sample.memoryTotalBytes > 0 ? sample.memoryTotalBytes : null;
  let memoryUsedBytes = nonNegative(sample.memoryUsedBytes);
  if (memoryUsedBytes !== null && memoryTotalBytes !== null && memoryUsedBytes > memoryTotalBytes)
    memoryUsedBytes = null;
  const t = sample.temperatureC;
  const temperatureC = t === null || t < MIN_GPU_TEMPERATURE_C || t > MAX_GPU_TEMPERATURE_C ? null : t;
  return {
    ...sample,
    utilizationPercent: percentOfTime(sample.utilizationPercent),
    memoryUtilizationPercent: percentOfTime(sample.memoryUtilizationPercent),
    memoryUsedBytes,
    memoryTotalBytes,
    temperatureC,
    powerW,
    powerLimitW,
    energyCounterMJ: nonNegative(sample.energyCounterMJ), // a cumulative counter of consumed energy starts at 0
    clockSmMHz: nonNegative(sample.clockSmMHz),
    clockMemMHz: nonNegative(sample.clockMemMHz),
    // The fan's figure is the *intended* speed and may exceed 100 % (nvidia-smi's help says so); only negative is impossible.
    fanPercent: nonNegative(sample.fanPercent),
  };
}
