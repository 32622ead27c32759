/** Memory-channel estimate for the machine profile (bandwidth = channels × 8 bytes × MT/s). */

/**
 * Channels (64-bit each) estimated from the number of memory modules: one module → 1; two to four
 * → 2, because desktop boards are dual-channel and four modules share two channels; more than four
 * → null, because workstation and server boards range from 4 to 12 channels and the count does not tell.
 * DDR5's two 32-bit sub-channels per module are counted as one 64-bit channel, as vendors do ("dual channel").
 */
export function estimateMemoryChannels(modules: number | null): number | null {
  if (modules === null || !Number.isInteger(modules) || modules <= 0) return null;
  if (modules === 1) return 1;
  if (modules <= 4) return 2;
  return null;
}
