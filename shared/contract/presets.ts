/** Contract: presets (CRUD, import/export, pinned list) and switching with a dry-run plan and progress. */
import { z } from 'zod';
import { FitNoticeSchema } from '../models/fit-notice';
import type { PlanReasonCode } from '../presets/plan';
import { PresetImportSkipProblemSchema } from '../presets/import-skip';
import { GpuOffloadSchema, PresetSchema } from '../presets/schema';
import { SwitchNoticeSchema } from '../presets/switch-notice';
import { NoInput, nullableNumber } from './common';
import { BusyModelSchema } from './models';
import { defineEvent, defineMethod } from './define';

const PresetIdSchema = z.object({ id: z.string().min(1) });

/** One step of a switch plan, in the order it runs. */
export const PlanStepSchema = z.object({
  action: z.enum(['keep', 'unload', 'load']),
  key: z.string(),
  /** The instance kept or unloaded; null for a load. */
  instanceId: z.string().nullable(),
  /** Estimated memory of this model (weights + KV cache) where known. */
  estimatedBytes: nullableNumber,
  /** Where a load goes: all on GPU, split, CPU only; null for keep/unload. */
  placement: z.enum(['gpu', 'split', 'cpu']).nullable(),
  /** The model file's size, where known (`loadout apply --dry-run` prints it); absent from older cores. */
  sizeBytes: nullableNumber.optional(),
  /** Why this step, in English, and as a code a face words in its language; absent from older cores. */
  reason: z.string().optional(),
  reasonCode: z
    .enum([
      'alreadyLoaded',
      'otherSettings',
      'notLoaded',
      'pinned',
      'notExclusive',
      'settingsDiffer',
      'notInPreset',
    ] as const satisfies readonly PlanReasonCode[])
    .optional(),
  /** For a load: the context length and GPU offload asked for, when the preset sets them. */
  contextLength: z.number().int().positive().optional(),
  gpuOffload: GpuOffloadSchema.optional(),
});
export type PlanStep = z.infer<typeof PlanStepSchema>;

/** Whether the plan fits the memory the latest sample shows free. */
export const FitReportSchema = z.object({
  fits: z.boolean(),
  vramNeededBytes: nullableNumber,
  vramFreeBytes: nullableNumber,
  ramNeededBytes: nullableNumber,
  ramFreeBytes: nullableNumber,
  /** When it does not fit: what does not, and what would (smaller quantization, shorter context, CPU offload). */
  message: z.string().nullable(),
  /** The same verdict as data, which a window words in its own language (message is its English). */
  notice: FitNoticeSchema.optional(),
});
export type FitReport = z.infer<typeof FitReportSchema>;

/** What one model of a preset loads on this machine: a selector ("family:…@7b:q4_k_m") read as a model. */
export const ResolvedPresetModelSchema = z.object({
  /** The preset's own key: an exact model key or a family selector. */
  requested: z.string(),
  /** The downloaded model it loads; null when none is downloaded. */
  key: z.string().nullable(),
  displayName: z.string().nullable(),
  quantization: z.string().nullable(),
  paramsString: z.string().nullable(),
  /** The file's size. */
  sizeBytes: nullableNumber,
  /** With `key` null: "not downloaded: … — get it in LM Studio"; with `substitute`: "stand-in for …, none downloaded: using …". */
  message: z.string().nullable(),
  /** None of the selector's named families is downloaded: `key` is its `*` fallback (the editor says so). */
  substitute: z.boolean().default(false),
});
export type ResolvedPresetModel = z.infer<typeof ResolvedPresetModelSchema>;

/** A dry run: the plan, the fit, and models a built-in names that are not downloaded. */
export const PresetPlanResultSchema = z.object({
  presetId: z.string(),
  plan: z.array(PlanStepSchema),
  fit: FitReportSchema,
  /** "not downloaded: … — get it in LM Studio" for each model the catalog lacks. */
  unresolved: z.array(z.object({ key: z.string(), message: z.string() })),
  /** One per preset model, in order: what it resolves to here (the editor shows this instead of the selector). */
  models: z.array(ResolvedPresetModelSchema).default([]),
});
export type PresetPlanResult = z.infer<typeof PresetPlanResultSchema>;

/** How a switch ended. */
export const PresetSwitchResultSchema = z.object({
  presetId: z.string(),
  result: z.enum(['ok', 'refused', 'failed', 'cancelled']),
  plan: z.array(PlanStepSchema),
  /** Why it was refused or failed (LM Studio's own words included); null on success. */
  message: z.string().nullable(),
  /** With `refused`: the models still generating that stopped the switch (ask, then apply again with `force`). */
  busy: z.array(BusyModelSchema).optional(),
  /** With `refused` because the set does not fit: the verdict as data, which a window words in its language. */
  fitNotice: FitNoticeSchema.optional(),
  /** Why it stopped (cancelled, a failed step, nothing downloaded) as data, which a window words in its language. */
  notice: SwitchNoticeSchema.optional(),
  /** Ms from the start of the switch until one of the preset's models could answer (one kept: at once); absent when none could. */
  usableAfterMs: z.number().nonnegative().optional(),
});
export type PresetSwitchResult = z.infer<typeof PresetSwitchResultSchema>;

/** Progress of a running switch, emitted on every step. */
export const PresetProgressSchema = z.object({
  presetId: z.string(),
  phase: z.enum(['planning', 'waiting', 'unloading', 'loading', 'done', 'refused', 'failed', 'cancelled']),
  /** 1-based step index; 0 while planning. */
  step: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  key: z.string().nullable(),
  sizeBytes: nullableNumber,
  elapsedMs: z.number().nonnegative(),
  message: z.string().nullable(),
  /** `message` as data where it is a switch notice, which the tray and windows word in their language. */
  notice: SwitchNoticeSchema.optional(),
  /** With phase `refused` because the set does not fit: the verdict as data, worded as `notice` is. */
  fitNotice: FitNoticeSchema.optional(),
  /** With phase `refused`: the models still generating that stopped it. */
  busy: z.array(BusyModelSchema).optional(),
  /** Set once one of the preset's models can answer (on the event that says so and every later one): ms since the switch began. */
  usableAfterMs: z.number().nonnegative().optional(),
});
export type PresetProgress = z.infer<typeof PresetProgressSchema>;

/**
 * A switch refused because models were still generating, not yet answered: the presets window asks
 * "Unload anyway?" for it when it opens (the tray's notification leads there).
 */
export const PendingBusySchema = z.object({
  presetId: z.string(),
  busy: z.array(BusyModelSchema),
  /** The refusal's own words. */
  message: z.string().nullable(),
  /** The same as data (which models, who answers on them, how long it waited), for the window to word. */
  notice: SwitchNoticeSchema.optional(),
});
export type PendingBusy = z.infer<typeof PendingBusySchema>;

/** The preset list as the UI shows it. */
export const PresetListSchema = z.object({
  presets: z.array(PresetSchema),
  activePresetId: z.string().nullable(),
  pinned: z.array(z.string()),
  /** The preset being applied right now, if any. */
  applyingPresetId: z.string().nullable(),
});
export type PresetList = z.infer<typeof PresetListSchema>;

export const presetsMethods = {
  'presets.list': defineMethod(
    NoInput,
    PresetListSchema,
    'Every preset in order, the active one, the pinned list and any switch in progress.',
  ),
  'presets.get': defineMethod(PresetIdSchema, PresetSchema, 'One preset by id.'),
  'presets.save': defineMethod(
    z.object({ preset: PresetSchema }),
    PresetSchema,
    'Create a preset, or replace the one with the same id.',
  ),
  'presets.delete': defineMethod(PresetIdSchema, z.object({ deleted: z.boolean() }), 'Delete a preset.'),
  'presets.reorder': defineMethod(
    z.object({ ids: z.array(z.string().min(1)) }),
    PresetListSchema,
    'Put presets in this order (ids not listed keep their relative order at the end).',
  ),
  'presets.duplicate': defineMethod(
    z.object({ id: z.string().min(1), newName: z.string().min(1).optional() }),
    PresetSchema,
    'Copy a preset under a new id and name.',
  ),
  'presets.import': defineMethod(
    z.object({ json: z.string(), replace: z.boolean().default(false) }),
    z.object({
      imported: z.array(PresetSchema),
      /** `reason` is the English (the CLI's words); `problem` the same as data, for a window's language. */
      skipped: z.array(
        z.object({ id: z.string().nullable(), reason: z.string(), problem: PresetImportSkipProblemSchema.optional() }),
      ),
    }),
    'Import presets from exported JSON; invalid entries are skipped with the reason.',
  ),
  'presets.export': defineMethod(
    z.object({ ids: z.array(z.string().min(1)).optional() }).optional(),
    z.object({ json: z.string() }),
    'Export some or all presets as JSON.',
  ),
  'presets.setPinned': defineMethod(
    z.object({ pinned: z.array(z.string().min(1)) }),
    PresetListSchema,
    'Replace the pinned list (model keys or instance ids no preset unloads).',
  ),
  'presets.plan': defineMethod(
    z.union([PresetIdSchema, z.object({ preset: PresetSchema })]),
    PresetPlanResultSchema,
    'Dry run: the plan and memory fit for a saved preset, or for one being edited. Changes nothing.',
  ),
  'presets.apply': defineMethod(
    PresetIdSchema.extend({ force: z.boolean().optional() }),
    PresetSwitchResultSchema,
    'Switch to a preset; progress comes as presets.progress events. Generating models are waited for, then reported in `busy` unless `force`.',
  ),
  'presets.cancel': defineMethod(NoInput, z.object({ cancelled: z.boolean() }), 'Cancel the running switch, if any.'),
  'presets.pendingBusy': defineMethod(
    NoInput,
    PendingBusySchema.nullable(),
    'The last switch refused for generating models, until a later switch runs or presets.dismissBusy; null when none.',
  ),
  'presets.dismissBusy': defineMethod(
    NoInput,
    z.object({ dismissed: z.boolean() }),
    'Forget the pending refused switch (the person chose Cancel).',
  ),
} as const;

export const presetsEvents = {
  'presets.progress': defineEvent(PresetProgressSchema, 'A step of a running preset switch.'),
  'presets.unloadProgress': defineEvent(
    PresetProgressSchema,
    'A step of an unload (models.unload, models.unloadAll), only to the caller that asked.',
  ),
  'presets.changed': defineEvent(PresetListSchema, 'Presets, their order, the active one or the pinned list changed.'),
} as const;
