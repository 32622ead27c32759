/** Contract: model benchmarks — run (with progress, cancellable), list, rate, delete and export results. */
import { z } from 'zod';
import { BenchResultSchema } from '../bench/bench-record';
import { GpuOffloadSchema } from '../presets/schema';
import { NoInput } from './common';
import { defineEvent, defineMethod } from './define';

const BenchIdSchema = z.object({ id: z.number().int().positive() });

/** What to benchmark and how to load it. */
export const BenchRunRequestSchema = z.object({
  modelKey: z.string().min(1),
  /** Context length to load with and to size the long-context prompt to; absent = the loaded one, else 4096. */
  contextLength: z.number().int().positive().optional(),
  /** GPU offload to load with; absent = LM Studio's automatic choice. */
  gpuOffload: GpuOffloadSchema.optional(),
  /** Repetitions of the suite (median and spread over them). */
  runs: z.number().int().min(1).max(20).default(3),
  /** Leave the model loaded afterwards when the bench loaded it (default: unload it again). */
  keepLoaded: z.boolean().default(false),
});
export type BenchRunRequest = z.infer<typeof BenchRunRequestSchema>;

/** The checklist's human answers; absent fields stay as they are, null clears one. */
export const BenchRateRequestSchema = z.object({
  id: z.number().int().positive(),
  rating: z.number().int().min(1).max(5).nullable().optional(),
  bestFor: z.string().max(500).nullable().optional(),
  issues: z.string().max(2000).nullable().optional(),
  notes: z.string().max(4000).nullable().optional(),
});
export type BenchRateRequest = z.infer<typeof BenchRateRequestSchema>;

export const BenchPhaseSchema = z.enum([
  'checking',
  'loading',
  'warming-up',
  'running',
  'unloading',
  'saving',
  'done',
  'failed',
  'cancelled',
]);
export type BenchPhase = z.infer<typeof BenchPhaseSchema>;

/** Progress of a running benchmark. */
export const BenchProgressSchema = z.object({
  modelKey: z.string(),
  phase: BenchPhaseSchema,
  /** Prompts answered so far and in all (runs × suite). */
  step: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  promptId: z.string().nullable(),
  repetition: z.number().int().nullable(),
  /** Speed of the answer that just finished. */
  lastTokensPerSecond: z.number().nullable(),
  elapsedMs: z.number().nonnegative(),
  /** What is happening or went wrong, in words. */
  message: z.string().nullable(),
});
export type BenchProgress = z.infer<typeof BenchProgressSchema>;

export const BenchExportRequestSchema = z.object({
  format: z.enum(['md', 'csv']).default('md'),
  /** Absent = every result. */
  ids: z.array(z.number().int().positive()).optional(),
  locale: z.enum(['pt-BR', 'en']).default('pt-BR'),
});

export const benchMethods = {
  'bench.list': defineMethod(NoInput, z.array(BenchResultSchema), 'Every stored benchmark result, newest first.'),
  'bench.get': defineMethod(BenchIdSchema, BenchResultSchema, 'One stored benchmark result.'),
  'bench.run': defineMethod(
    BenchRunRequestSchema,
    BenchResultSchema,
    'Benchmark a model (load it as asked, warm up, run the suite N times) and store the result.',
  ),
  'bench.cancel': defineMethod(
    NoInput,
    z.object({ cancelled: z.boolean() }),
    'Cancel the running benchmark; false when none runs.',
  ),
  'bench.rate': defineMethod(
    BenchRateRequestSchema,
    BenchResultSchema,
    'Set or edit the quality stars, best for, issues and notes of a result.',
  ),
  'bench.delete': defineMethod(BenchIdSchema, z.object({ deleted: z.boolean() }), 'Delete a stored result.'),
  'bench.export': defineMethod(
    BenchExportRequestSchema,
    z.object({ format: z.enum(['md', 'csv']), fileName: z.string(), text: z.string() }),
    "Results as Markdown in the document's benchmark template, or as CSV.",
  ),
} as const;

export const benchEvents = {
  'bench.progress': defineEvent(BenchProgressSchema, 'A running benchmark moved on (phase, prompt, last speed).'),
  'bench.saved': defineEvent(BenchResultSchema, 'A result was stored or edited.'),
} as const;
