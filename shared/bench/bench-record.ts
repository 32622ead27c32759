/**
 * A benchmark result: one record per `loadout bench` run (all its repetitions), with everything needed
 * to compare it with later runs — the model and quantization, the load config, the LM Studio, driver and
 * Loadout versions — plus the measurements, their medians and spreads, the telemetry, the energy, the
 * estimates it was compared with, and the user's own verdict (the checklist's human part).
 */
import { z } from 'zod';
import { GpuOffloadSchema } from '../presets/schema';

const num = z.number().finite();
const nnum = num.nullable();

export const MeasureStatsSchema = z.object({
  median: nnum,
  min: nnum,
  max: nnum,
  spreadPercent: nnum,
  samples: z.number().int().nonnegative(),
});

export const BenchDeviceSchema = z.enum(['gpu', 'cpu', 'split', 'unknown']);
export type BenchDevice = z.infer<typeof BenchDeviceSchema>;

/** One prompt answered once. */
export const PromptMeasurementSchema = z.object({
  promptId: z.string(),
  /** 1-based repetition. */
  repetition: z.number().int().positive(),
  tokensPerSecond: nnum,
  ttftMs: nnum,
  promptTokens: z.number().int().nonnegative().nullable(),
  /** Prompt tokens / time to first token: how fast the prompt was read. */
  promptTokensPerSecond: nnum,
  completionTokens: z.number().int().nonnegative(),
  totalMs: num,
  finishReason: z.string(),
});
export type PromptMeasurement = z.infer<typeof PromptMeasurementSchema>;

/** One prompt over all repetitions. */
export const PromptSummarySchema = z.object({
  promptId: z.string(),
  kind: z.enum(['short', 'long', 'code', 'long-context']),
  language: z.enum(['pt-BR', 'en']),
  tokensPerSecond: MeasureStatsSchema,
  ttftMs: MeasureStatsSchema,
  promptTokensPerSecond: MeasureStatsSchema,
  totalMs: MeasureStatsSchema,
  promptTokens: nnum,
  completionTokens: nnum,
});
export type PromptSummary = z.infer<typeof PromptSummarySchema>;

/** An estimated speed range and whether the measured median falls inside it. */
export const EstimateVerdictSchema = z.object({
  /** Where the estimate comes from, in words ("hardware-profile.pt-BR.md, GPU 7B Q4_K_M"). */
  source: z.string(),
  lowTokensPerSecond: num,
  highTokensPerSecond: num,
  /** Loadout's own estimate is a point; its range is this point ± the tolerance. Null for the document's ranges. */
  pointTokensPerSecond: nnum,
  verdict: z.enum(['inside', 'below', 'above', 'unmeasured']),
});
export type EstimateVerdict = z.infer<typeof EstimateVerdictSchema>;

/** The user's checklist answers; all editable later. */
export const BenchHumanSchema = z.object({
  /** 1..5 stars; null = not rated yet. */
  rating: z.number().int().min(1).max(5).nullable().default(null),
  bestFor: z.string().nullable().default(null),
  issues: z.string().nullable().default(null),
  notes: z.string().nullable().default(null),
  ratedAt: z.string().nullable().default(null),
});
export type BenchHuman = z.infer<typeof BenchHumanSchema>;

export const BenchResultSchema = z.object({
  /** The store's id; 0 before it is stored. */
  id: z.number().int().nonnegative(),
  startedAt: z.string(),
  endedAt: z.string(),
  model: z.object({
    key: z.string(),
    displayName: z.string(),
    quantization: z.string().nullable(),
    paramsString: z.string().nullable(),
    sizeBytes: nnum,
    format: z.string().nullable(),
    architecture: z.string().nullable(),
  }),
  load: z.object({
    /** The context length the model ran with (as LM Studio reported it, else as asked). */
    contextLength: z.number().int().positive().nullable(),
    /** As asked; null = LM Studio's default (automatic). */
    gpuOffload: GpuOffloadSchema.nullable(),
    instanceId: z.string(),
    /** The bench loaded the model (false: it was already loaded as asked). */
    loadedByBench: z.boolean(),
    loadSeconds: nnum,
  }),
  device: BenchDeviceSchema,
  /** How the device was decided, e.g. "GPU offload max", "VRAM grew 4.9 GB during the load". */
  deviceReason: z.string(),
  runs: z.number().int().positive(),
  versions: z.object({ lmStudio: z.string().nullable(), driver: z.string().nullable(), loadout: z.string() }),
  hardware: z.object({
    gpuName: z.string().nullable(),
    cpuName: z.string().nullable(),
    vramTotalBytes: nnum,
    ramTotalBytes: nnum,
  }),
  /** Headline figures: generation speed over every prompt but the long-context one, TTFT of the short prompts, prompt processing of the long-context one. */
  summary: z.object({
    tokensPerSecond: MeasureStatsSchema,
    ttftMs: MeasureStatsSchema,
    promptTokensPerSecond: MeasureStatsSchema,
    longContextTtftMs: MeasureStatsSchema,
    totalMs: num,
    completionTokens: z.number().int().nonnegative(),
    /** The largest prompt actually sent, in tokens (LM Studio's count): the checklist's "context tested". */
    contextTestedTokens: z.number().int().nonnegative().nullable(),
  }),
  prompts: z.array(PromptSummarySchema),
  measurements: z.array(PromptMeasurementSchema),
  telemetry: z.object({
    samples: z.number().int().nonnegative(),
    gpuSource: z.string(),
    peakVramBytes: nnum,
    peakRamBytes: nnum,
    /** VRAM in use before the bench loaded the model; null when it did not load it or no GPU reading. */
    vramBeforeLoadBytes: nnum,
    vramAfterLoadBytes: nnum,
    peakGpuPowerW: nnum,
  }),
  energy: z.object({
    /** Energy of the measured window (all repetitions), Wh. */
    totalWh: nnum,
    whPerRun: nnum,
    whPer1kTokens: nnum,
    method: z.enum(['counter', 'power-integration']).nullable(),
    /** Share of the window the GPU readings covered, 0..1. */
    coverage: num,
    /** Why energy is missing, when it is. */
    unavailableReason: z.string().nullable(),
  }),
  estimates: z.object({
    document: EstimateVerdictSchema.nullable(),
    documentNote: z.string(),
    loadout: EstimateVerdictSchema.nullable(),
    loadoutNote: z.string(),
  }),
  human: BenchHumanSchema,
});
export type BenchResult = z.infer<typeof BenchResultSchema>;
