/**
 * Compares a measured generation speed with the document's estimated range for that size,
 * quantization and device, and with Loadout's own estimate from the machine profile
 * (shared/profile: bandwidth → tok/s), saying whether the measurement falls inside each.
 */
import type { MachineProfile } from '../profile/machine-profile';
import { estimateGenerationSpeed } from '../profile/generation-speed';
import { estimateModelMemory, parseParameterCount } from '../models/model-size';
import type { BenchDevice, EstimateVerdict } from './bench-record';
import { DOCUMENT_NAME, findDocumentEstimate } from './document-estimates';

/**
 * Loadout's estimate is one number; a measurement within ±25 % of it counts as inside. The calibration
 * notes in shared/profile/generation-speed.ts put the user's own GPU rows within about that of the model.
 */
export const LOADOUT_ESTIMATE_TOLERANCE = 0.25;

/** What the comparison needs to know about the model and the run. */
export interface CompareInput {
  modelKey: string;
  paramsString: string | null;
  quantization: string | null;
  device: BenchDevice;
  contextLength: number | null;
  /** Share of the weights on the GPU for a split (the load's ratio); null = unknown. */
  gpuShare: number | null;
  measuredTokensPerSecond: number | null;
}

function verdictOf(measured: number | null, low: number, high: number): EstimateVerdict['verdict'] {
  if (measured === null) return 'unmeasured';
  return measured < low ? 'below' : measured > high ? 'above' : 'inside';
}

/** Billions of (active) parameters from the catalog's size label, else from the model key. */
export function modelParametersB(
  paramsString: string | null,
  modelKey: string,
): { totalB: number; activeB: number } | null {
  const count = parseParameterCount(paramsString) ?? parseParameterCount(modelKey);
  return count ? { totalB: count.total / 1e9, activeB: count.active / 1e9 } : null;
}

/** The document's range for this run, or why there is none. */
export function compareWithDocument(input: CompareInput): { estimate: EstimateVerdict | null; note: string } {
  if (input.device !== 'gpu' && input.device !== 'cpu') {
    return {
      estimate: null,
      note: `${DOCUMENT_NAME} has no estimate for a ${input.device === 'split' ? 'GPU + CPU split' : 'run on an unknown device'}.`,
    };
  }
  const params = modelParametersB(input.paramsString, input.modelKey);
  const row = findDocumentEstimate(params?.totalB ?? null, input.quantization, input.device);
  if (!row) {
    const what = `${params ? `${Math.round(params.totalB * 10) / 10}B` : 'unknown size'} ${input.quantization ?? 'unknown quantization'} on ${input.device.toUpperCase()}`;
    return { estimate: null, note: `${DOCUMENT_NAME} has no row for ${what}.` };
  }
  const { low, high } = row.tokensPerSecond;
  return {
    estimate: {
      source: `${DOCUMENT_NAME}, ${row.device.toUpperCase()} ${row.size} ${row.quantization}`,
      lowTokensPerSecond: low,
      highTokensPerSecond: high,
      pointTokensPerSecond: null,
      verdict: verdictOf(input.measuredTokensPerSecond, low, high),
    },
    note: `${row.device.toUpperCase()} ${row.size} ${row.quantization}: ~${low}-${high} tok/s (${row.viable})`,
  };
}

/** Loadout's own estimate for this model on this machine and device (memory bandwidth model), or why there is none. */
export function compareWithLoadout(
  input: CompareInput,
  profile: MachineProfile | null,
): { estimate: EstimateVerdict | null; note: string } {
  if (!profile)
    return { estimate: null, note: 'No machine profile (hardware inventory unreadable): no Loadout estimate.' };
  const params = modelParametersB(input.paramsString, input.modelKey);
  if (!params || !input.quantization)
    return { estimate: null, note: 'Model size or quantization unknown: no Loadout estimate.' };
  const memory = estimateModelMemory({
    parameters: params.totalB * 1e9,
    activeParameters: params.activeB * 1e9,
    quantization: input.quantization,
    contextTokens: input.contextLength ?? undefined,
  });
  if (!memory)
    return {
      estimate: null,
      note: `Quantization ${input.quantization} is unknown to Loadout's size model: no Loadout estimate.`,
    };
  const gpuBw = profile.capacity.gpu?.bandwidth ?? null;
  const cpuBw = profile.capacity.ram.bandwidth;
  let share: number;
  if (input.device === 'gpu') share = 1;
  else if (input.device === 'cpu') share = 0;
  else if (input.device === 'split' && input.gpuShare !== null) share = Math.min(1, Math.max(0, input.gpuShare));
  else
    return {
      estimate: null,
      note: `No Loadout estimate for a ${input.device === 'split' ? 'split of unknown ratio' : 'run on an unknown device'}.`,
    };
  const speed = estimateGenerationSpeed({
    quantization: input.quantization,
    gpuBytes: memory.bytesPerToken * share,
    gpuBandwidth: gpuBw,
    cpuBytes: memory.bytesPerToken * (1 - share),
    cpuBandwidth: cpuBw,
  });
  if (speed === null) return { estimate: null, note: 'Memory bandwidth unknown for this device: no Loadout estimate.' };
  const low = speed * (1 - LOADOUT_ESTIMATE_TOLERANCE);
  const high = speed * (1 + LOADOUT_ESTIMATE_TOLERANCE);
  return {
    estimate: {
      source: 'Loadout (memory bandwidth model)',
      lowTokensPerSecond: low,
      highTokensPerSecond: high,
      pointTokensPerSecond: speed,
      verdict: verdictOf(input.measuredTokensPerSecond, low, high),
    },
    note: `~${Math.round(speed)} tok/s (±${Math.round(LOADOUT_ESTIMATE_TOLERANCE * 100)} %)`,
  };
}
