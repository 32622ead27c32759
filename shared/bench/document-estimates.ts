/**
 * The user's own estimates, as data: the two "Performance Estimates (LLMs Locais)" tables of
 * ../shared/seed/hardware-profile.pt-BR.md ("CPU Inference (usando llama.cpp)" and "GPU Inference
 * (usando llama.cpp + CUDA)"), row for row. If the user edits those tables, edit these rows to match.
 */

export type EstimateDevice = 'gpu' | 'cpu';

/** One row of the document's tables. */
export interface DocumentEstimateRow {
  device: EstimateDevice;
  /** "Model Size" as written, e.g. "7B". */
  size: string;
  parametersB: number;
  /** "Quantization" as written ("FP16" is matched with LM Studio's "F16"). */
  quantization: string;
  tokensPerSecond: { low: number; high: number };
  /** "RAM Usage" / "VRAM Usage" in GB. */
  memoryGb: { low: number; high: number };
  /** "Viável?" as written. */
  viable: string;
}

/** The CPU table, then the GPU table, as in the document. */
export const DOCUMENT_ESTIMATES: readonly DocumentEstimateRow[] = [
  {
    device: 'cpu',
    size: '3B',
    parametersB: 3,
    quantization: 'Q4_K_M',
    tokensPerSecond: { low: 80, high: 100 },
    memoryGb: { low: 2, high: 3 },
    viable: '✅ Excelente',
  },
  {
    device: 'cpu',
    size: '7B',
    parametersB: 7,
    quantization: 'Q4_K_M',
    tokensPerSecond: { low: 40, high: 60 },
    memoryGb: { low: 4, high: 6 },
    viable: '✅ Excelente',
  },
  {
    device: 'cpu',
    size: '13B',
    parametersB: 13,
    quantization: 'Q4_K_M',
    tokensPerSecond: { low: 20, high: 30 },
    memoryGb: { low: 8, high: 10 },
    viable: '✅ Muito bom',
  },
  {
    device: 'cpu',
    size: '34B',
    parametersB: 34,
    quantization: 'Q4_K_M',
    tokensPerSecond: { low: 8, high: 12 },
    memoryGb: { low: 20, high: 25 },
    viable: '✅ Bom',
  },
  {
    device: 'cpu',
    size: '70B',
    parametersB: 70,
    quantization: 'Q4_K_M',
    tokensPerSecond: { low: 3, high: 5 },
    memoryGb: { low: 40, high: 50 },
    viable: '⚠️ Usável (lento)',
  },
  {
    device: 'gpu',
    size: '3B',
    parametersB: 3,
    quantization: 'Q4_K_M',
    tokensPerSecond: { low: 150, high: 200 },
    memoryGb: { low: 2, high: 3 },
    viable: '✅ Excelente',
  },
  {
    device: 'gpu',
    size: '7B',
    parametersB: 7,
    quantization: 'Q4_K_M',
    tokensPerSecond: { low: 80, high: 120 },
    memoryGb: { low: 4, high: 6 },
    viable: '✅ Excelente',
  },
  {
    device: 'gpu',
    size: '7B',
    parametersB: 7,
    quantization: 'FP16',
    tokensPerSecond: { low: 60, high: 80 },
    memoryGb: { low: 14, high: 14 },
    viable: '✅ Excelente',
  },
  {
    device: 'gpu',
    size: '13B',
    parametersB: 13,
    quantization: 'Q4_K_M',
    tokensPerSecond: { low: 50, high: 70 },
    memoryGb: { low: 8, high: 10 },
    viable: '✅ Excelente',
  },
  {
    device: 'gpu',
    size: '34B',
    parametersB: 34,
    quantization: 'Q4_K_M',
    tokensPerSecond: { low: 20, high: 30 },
    memoryGb: { low: 20, high: 22 },
    viable: '✅ Muito bom',
  },
  {
    device: 'gpu',
    size: '70B',
    parametersB: 70,
    quantization: 'Q4_K_M',
    tokensPerSecond: { low: 8, high: 12 },
    memoryGb: { low: 40, high: 45 },
    viable: '❌ VRAM insuficiente',
  },
  {
    device: 'gpu',
    size: '70B',
    parametersB: 70,
    quantization: 'Q2_K',
    tokensPerSecond: { low: 10, high: 15 },
    memoryGb: { low: 22, high: 24 },
    viable: '⚠️ Usável (qualidade degradada)',
  },
];

/** The document's path, for the "source" of a comparison. */
export const DOCUMENT_NAME = 'hardware-profile.pt-BR.md';

/**
 * How far a model's size may be from a row's and still count as that row: 0.7×–1.45× (8B → 7B, 14B → 13B,
 * 33B → 34B, 3.8B → 3B), but not 1B → 3B or 20B → 13B, where the document simply has no estimate.
 */
const SIZE_MATCH = { min: 0.7, max: 1.45 } as const;

/** The document's name for a quantization ("F16" in LM Studio is "FP16" in the table). */
function sameQuantization(tableName: string, quantization: string): boolean {
  const norm = (q: string) =>
    q
      .trim()
      .toUpperCase()
      .replace(/^FP(16|32)$/, 'F$1');
  return norm(tableName) === norm(quantization);
}

/** The row for a model size (billions), quantization and device; null when the document has none. */
export function findDocumentEstimate(
  parametersB: number | null,
  quantization: string | null,
  device: EstimateDevice,
): DocumentEstimateRow | null {
  if (parametersB === null || !(parametersB > 0) || !quantization) return null;
  let best: DocumentEstimateRow | null = null;
  for (const row of DOCUMENT_ESTIMATES) {
    if (row.device !== device || !sameQuantization(row.quantization, quantization)) continue;
    const ratio = parametersB / row.parametersB;
    if (ratio < SIZE_MATCH.min || ratio > SIZE_MATCH.max) continue;
    if (!best || Math.abs(Math.log(ratio)) < Math.abs(Math.log(parametersB / best.parametersB))) best = row;
  }
  return best;
}
