/** The two facts a person wants first from a capacity table: the largest model that runs on the GPU alone, and the largest that runs at all. */
import type { CapacityRow, CapacityTable, Placement } from './capacity-table';

export interface CapacitySummary {
  /** Largest size that fits entirely in VRAM, at its most precise quantization that does; null without a usable GPU. */
  largestOnGpu: CapacityRow | null;
  /** Largest size that runs anywhere (GPU, GPU + RAM or CPU), at its most precise quantization that does. */
  largestAnywhere: CapacityRow | null;
}

function largest(rows: CapacityRow[], accept: (fit: Placement) => boolean): CapacityRow | null {
  let best: CapacityRow | null = null;
  for (const row of rows) {
    if (!accept(row.fit)) continue;
    const bigger = !best || row.parameters > best.parameters;
    const samePrecise = best && row.parameters === best.parameters && row.memory.weightBytes > best.memory.weightBytes;
    if (bigger || samePrecise) best = row;
  }
  return best;
}

/** Summarize a capacity table: largest model on the GPU alone and largest model that runs at all. */
export function summarizeCapacity(table: CapacityTable): CapacitySummary {
  return {
    largestOnGpu: largest(table.rows, (fit) => fit === 'gpu'),
    largestAnywhere: largest(table.rows, (fit) => fit !== 'no'),
  };
}
