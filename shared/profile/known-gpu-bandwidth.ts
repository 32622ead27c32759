/**
 * Memory bandwidth of common GPUs by name, for when NVML cannot give the bus width (nvidia-smi has no
 * bus-width field). Figures are the vendors' spec-sheet peak bandwidths in GB/s (10^9 bytes/s).
 */

interface KnownGpu {
  /** Matched against the lower-cased GPU name; the first matching entry wins, so specific names come first. */
  pattern: RegExp;
  gbPerSecond: number;
  /** Only when the card has at least this much memory (GiB): tells apart variants sold under one name. */
  minMemoryGiB?: number;
}

const KNOWN_GPUS: readonly KnownGpu[] = [
  { pattern: /rtx\s*5090/, gbPerSecond: 1792 },
  { pattern: /rtx\s*5080/, gbPerSecond: 960 },
  { pattern: /rtx\s*5070\s*ti/, gbPerSecond: 896 },
  { pattern: /rtx\s*5070/, gbPerSecond: 672 },
  { pattern: /rtx\s*4090/, gbPerSecond: 1008 },
  { pattern: /rtx\s*4080\s*super/, gbPerSecond: 736 },
  { pattern: /rtx\s*4080/, gbPerSecond: 716.8 },
  { pattern: /rtx\s*4070\s*ti\s*super/, gbPerSecond: 672 },
  { pattern: /rtx\s*4070/, gbPerSecond: 504 },
  { pattern: /rtx\s*4060\s*ti/, gbPerSecond: 288 },
  { pattern: /rtx\s*4060/, gbPerSecond: 272 },
  { pattern: /rtx\s*3090\s*ti/, gbPerSecond: 1008 },
  { pattern: /rtx\s*3090/, gbPerSecond: 936 },
  { pattern: /rtx\s*3080\s*ti/, gbPerSecond: 912 },
  { pattern: /rtx\s*3080/, gbPerSecond: 912, minMemoryGiB: 11 },
  { pattern: /rtx\s*3080/, gbPerSecond: 760 },
  { pattern: /rtx\s*3070\s*ti/, gbPerSecond: 608 },
  { pattern: /rtx\s*3070/, gbPerSecond: 448 },
  { pattern: /rtx\s*3060\s*ti/, gbPerSecond: 448 },
  { pattern: /rtx\s*3060/, gbPerSecond: 360 },
  { pattern: /rtx\s*6000\s*ada/, gbPerSecond: 960 },
  { pattern: /rtx\s*a6000/, gbPerSecond: 768 },
  { pattern: /h200/, gbPerSecond: 4800 },
  { pattern: /h100\s*nvl/, gbPerSecond: 3900 },
  { pattern: /h100\s*pcie/, gbPerSecond: 2000 },
  { pattern: /h100/, gbPerSecond: 3350 },
  { pattern: /a100/, gbPerSecond: 1935, minMemoryGiB: 60 },
  { pattern: /a100/, gbPerSecond: 1555 },
  { pattern: /l40s?\b/, gbPerSecond: 864 },
  { pattern: /\bl4\b/, gbPerSecond: 300 },
  { pattern: /v100/, gbPerSecond: 900 },
  { pattern: /tesla\s*t4|\bt4\b/, gbPerSecond: 320 },
];

/** Peak memory bandwidth in bytes/s of a GPU known by name (and memory size for look-alike variants), or null. */
export function knownGpuBandwidth(name: string, memoryTotalBytes: number | null): number | null {
  const lower = name.toLowerCase();
  const gib = memoryTotalBytes !== null ? memoryTotalBytes / 1024 ** 3 : null;
  for (const gpu of KNOWN_GPUS) {
    if (!gpu.pattern.test(lower)) continue;
    if (gpu.minMemoryGiB !== undefined && (gib === null || gib < gpu.minMemoryGiB)) continue;
    return gpu.gbPerSecond * 1e9;
  }
  return null;
}
