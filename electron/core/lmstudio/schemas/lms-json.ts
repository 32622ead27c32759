/**
 * What `lms ps --json` and `lms ls --json` print (reference §3): arrays of the SDK's instance and model
 * infos. Only the fields Loadout reads are named; older LM Studio builds print fewer of them.
 */
import { z } from 'zod';

/** One `lms ps --json` entry (`status`/`queued` since 0.3.27, `ttlMs` since the Aug 2025 SDK). */
export const LmsProcessSchema = z.object({
  identifier: z.string().min(1),
  modelKey: z.string().nullish(),
  status: z.string().nullish(),
  queued: z.number().nullish(),
  contextLength: z.number().nullish(),
  ttlMs: z.number().nullish(),
  sizeBytes: z.number().nullish(),
});

/** One `lms ls --json` entry. */
export const LmsLocalModelSchema = z.object({
  modelKey: z.string().min(1),
  path: z.string().min(1),
  sizeBytes: z.number().nullish(),
});

export const LmsPsSchema = z.array(LmsProcessSchema);
export const LmsLsSchema = z.array(LmsLocalModelSchema);
