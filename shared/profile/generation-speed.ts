/**
 * Generation speed from memory bandwidth. Generating one token reads every (active) weight once, so a
 * token takes bytes / (efficiency × bandwidth) plus a small fixed cost (kernel launches, sampling).
 * For a model split between GPU and RAM the two parts run one after the other, so their times add up:
 * the speeds combine harmonically.
 */
import { normalizeQuantization } from '../models/model-size';

/**
 * Calibration, done once, against the reference user's own table (RTX 3090 at 936 GB/s, DDR5-5200 dual
 * channel at 83 GB/s; `../shared/seed/hardware-profile.pt-BR.md`), and checked against bandwidth physics:
 *
 * - GPU, block-quantized weights (K-quants, IQ, Q4_0…): 0.55 of peak. The user's Q4_K_M rows (7B 80-120,
 *   13B 50-70, 34B 20-30 tok/s) all fit 0.55 with a 1.5 ms per-token cost (the 3B row, 150-200, needs that
 *   fixed cost: small models are launch-bound, not bandwidth-bound). Dequantizing super-blocks costs ALU
 *   time, which is why these kernels stay well under peak.
 * - GPU, plain weights (F16, BF16, F32, Q8_0): 0.8 of peak. They need no (or trivial) dequantization; the
 *   user's FP16 row (7B, 60-80 tok/s) even implies ≥ 0.9, which is at the roofline (936 / 14 GB = 67 tok/s),
 *   so 0.8 is the most we defend.
 * - CPU: 0.65 of theoretical peak. Desktop DDR5 sustains ~75-80 % of its theoretical bandwidth in STREAM-like
 *   reads, and llama.cpp's CPU mat-vec reaches most of that. The user's CPU table cannot be matched: it is
 *   2-3× above what 83 GB/s allows even at 100 % (7B Q4_K_M needs 4.3 GB per token → ≤ 19 tok/s, the table
 *   says 40-60). The 96 MB L3 does not change this: it holds under 3 % of a 7B model's weights.
 */
export const SPEED_CALIBRATION = {
  gpu: { quantizedEfficiency: 0.55, plainEfficiency: 0.8, perTokenOverheadMs: 1.5 },
  cpu: { efficiency: 0.65, perTokenOverheadMs: 1 },
} as const;

const PLAIN_FORMATS = new Set(['F16', 'BF16', 'F32', 'Q8_0']);

/** Fraction of peak GPU bandwidth that generation reaches for weights of this quantization (see SPEED_CALIBRATION). */
export function gpuEfficiency(quantization: string): number {
  const q = normalizeQuantization(quantization);
  return q && PLAIN_FORMATS.has(q) ? SPEED_CALIBRATION.gpu.plainEfficiency : SPEED_CALIBRATION.gpu.quantizedEfficiency;
}

/** Where the weights read per token live, and the bandwidth of each place (bytes/s, null when unknown). */
export interface SpeedInput {
  quantization: string;
  gpuBytes: number;
  gpuBandwidth: number | null;
  cpuBytes: number;
  cpuBandwidth: number | null;
}

/** Estimated generation speed in tokens/s; null when a part's bandwidth is unknown or there is nothing to read. */
export function estimateGenerationSpeed(input: SpeedInput): number | null {
  const { gpuBytes, cpuBytes, gpuBandwidth, cpuBandwidth } = input;
  if (!(gpuBytes >= 0) || !(cpuBytes >= 0) || gpuBytes + cpuBytes <= 0) return null;
  let seconds = 0;
  if (gpuBytes > 0) {
    if (gpuBandwidth === null || !(gpuBandwidth > 0)) return null;
    seconds += gpuBytes / (gpuEfficiency(input.quantization) * gpuBandwidth);
  }
  if (cpuBytes > 0) {
    if (cpuBandwidth === null || !(cpuBandwidth > 0)) return null;
    seconds += cpuBytes / (SPEED_CALIBRATION.cpu.efficiency * cpuBandwidth);
  }
  seconds +=
    (gpuBytes > 0 ? SPEED_CALIBRATION.gpu.perTokenOverheadMs : SPEED_CALIBRATION.cpu.perTokenOverheadMs) / 1000;
  return 1 / seconds;
}
