/** Shared energy vocabulary: states, methods and the minute rollup that the ledger stores. */

/** What the GPU was doing during an interval. */
export type EnergyState = 'idle-empty' | 'loaded-idle' | 'inferring';
export const ENERGY_STATES: readonly EnergyState[] = ['idle-empty', 'loaded-idle', 'inferring'];

/** How an interval's energy was measured: the GPU's own counter, or trapezoid over `power.draw`. */
export type EnergyMethod = 'counter' | 'power-integration';

/** What Loadout knows about itself at a sample: the active preset, loaded models, and its own in-flight requests. */
export interface EnergyContext {
  presetId: string | null;
  loadedModelKeys: string[];
  inFlight: number;
}

/** One measured stretch of time on one GPU, already attributed. */
export interface EnergyInterval {
  gpuKey: string;
  startMs: number;
  endMs: number;
  joules: number;
  method: EnergyMethod;
  /** Power at the start and the end (W), for splitting the interval's energy along its curve; null where not read. */
  startW: number | null;
  endW: number | null;
  /** Highest `power.draw` seen at the interval's ends (W), or ΔE/Δt when no power reading exists. */
  peakW: number;
  state: EnergyState;
  presetId: string | null;
  modelKeys: string[];
}

/** Samples further apart than the gap limit: not bridged, recorded. */
export interface EnergyGap {
  gpuKey: string;
  startMs: number;
  endMs: number;
  reason: string;
}

/** Energy and time on one GPU in one wall-clock minute, for one preset and one set of loaded models. */
export interface MinuteRollup {
  gpuKey: string;
  /** Start of the minute, Unix ms (a multiple of 60 000). */
  minuteMs: number;
  presetId: string | null;
  /** Sorted model keys loaded during this part of the minute. */
  modelKeys: string[];
  energyJ: number;
  coveredMs: number;
  seconds: Record<EnergyState, number>;
  joulesByState: Record<EnergyState, number>;
  peakW: number;
  /** 'power-integration' as soon as any part of the minute was integrated from power. */
  method: EnergyMethod;
}
