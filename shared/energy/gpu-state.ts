/** Classifies an interval into idle-empty, loaded-idle or inferring. */
import type { EnergyContext, EnergyState } from './types';

/** GPU utilization (%) at or above which the GPU counts as working even without a Loadout request. */
export const INFERRING_UTILIZATION_PERCENT = 10;

/**
 * The state of an interval, from the sample that closes it (utilization.gpu is an average over the
 * driver's last period, so the closing sample describes the interval) and Loadout's own context.
 */
export function classifyEnergyState(
  utilizationPercent: number | null,
  context: EnergyContext,
  threshold = INFERRING_UTILIZATION_PERCENT,
): EnergyState {
  if (context.inFlight > 0) return 'inferring';
  if (utilizationPercent !== null && utilizationPercent >= threshold) return 'inferring';
  return context.loadedModelKeys.length > 0 ? 'loaded-idle' : 'idle-empty';
}
