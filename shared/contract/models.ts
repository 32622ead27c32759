/** Contract: LM Studio's catalog and loaded models. */
import { z } from 'zod';
import { LmStudioUnreachableSchema } from '../lmstudio/lmstudio-unreachable';
import { ApiLevelSchema, CatalogModelSchema, LmStudioNoticeSchema, LoadedInstanceSchema } from '../lmstudio/types';
import { SwitchNoticeSchema } from '../presets/switch-notice';
import { nullableNumber } from './common';
import { defineEvent, defineMethod } from './define';

/** A loaded instance with what the tray and monitor show beside it. */
export const LoadedModelSchema = LoadedInstanceSchema.extend({
  displayName: z.string().nullable(),
  sizeBytes: nullableNumber,
  /** True when the pinned list protects it from preset switches. */
  pinned: z.boolean(),
});
export type LoadedModel = z.infer<typeof LoadedModelSchema>;

/** What LM Studio has: reachable or not (and why), the API level in use, the catalog and the loaded models. */
export const ModelsStateSchema = z.object({
  reachable: z.boolean(),
  apiLevel: ApiLevelSchema,
  /** Why LM Studio is unreachable or what this API level cannot do; null when all is well. */
  message: z.string().nullable(),
  /** The same limitations as codes, so a window words them in its own language (message is their English). */
  notices: z.array(LmStudioNoticeSchema).optional(),
  /** Why LM Studio is unreachable, as data, so a window words it in its own language (message is its English). */
  unreachable: LmStudioUnreachableSchema.nullable().optional(),
  catalog: z.array(CatalogModelSchema),
  loaded: z.array(LoadedModelSchema),
});
export type ModelsState = z.infer<typeof ModelsStateSchema>;

/** A loaded model that is answering a request, so an unload or switch stopped before touching it. */
export const BusyModelSchema = z.object({ instanceId: z.string(), modelKey: z.string() });
export type BusyModel = z.infer<typeof BusyModelSchema>;

/** One step of an unload plan: an instance it unloads, or one it keeps because it is pinned. */
const UnloadStepSchema = z.object({
  action: z.enum(['keep', 'unload']),
  key: z.string(),
  instanceId: z.string().nullable(),
});

const UnloadResultSchema = z.object({
  unloaded: z.array(z.string()),
  /** How it ended: `refused` comes with `busy` (or, with `failureAsResult`, a message); `failed`/`cancelled` only with `failureAsResult`. */
  result: z.enum(['ok', 'refused', 'failed', 'cancelled']).optional(),
  /** The plan in order: what it unloads and the pinned instances it keeps (empty when nothing could be planned). */
  plan: z.array(UnloadStepSchema).optional(),
  /** Present (non-empty) when nothing was unloaded because these models are still generating: ask, then retry with `force`. */
  busy: z.array(BusyModelSchema).optional(),
  /** Why nothing (or not everything) was unloaded; absent on success. */
  message: z.string().optional(),
  /** `message` as data where it is a known one (models still generating), for a window to word in its language. */
  notice: SwitchNoticeSchema.optional(),
});
export type UnloadResult = z.infer<typeof UnloadResultSchema>;

/** `force`: unload models that are generating instead of waiting and refusing. */
const ForceSchema = z.boolean().optional();
/** Answer a refusal or failure as a result (its plan, what was unloaded, the message) instead of an error: the CLI prints the plan either way. */
const FailureAsResultSchema = z.boolean().optional();

export const modelsMethods = {
  'models.list': defineMethod(z.undefined(), ModelsStateSchema, "LM Studio's catalog and loaded models."),
  'models.unload': defineMethod(
    z.object({ instanceId: z.string().min(1), force: ForceSchema, failureAsResult: FailureAsResultSchema }),
    UnloadResultSchema,
    'Unload one loaded instance; a generating one is waited for, then reported in `busy` unless `force`. Its steps come as presets.unloadProgress events to the caller.',
  ),
  'models.unloadAll': defineMethod(
    z
      .object({ includePinned: z.boolean().default(false), force: ForceSchema, failureAsResult: FailureAsResultSchema })
      .optional(),
    UnloadResultSchema,
    'Unload every loaded model (pinned ones too only when asked); generating ones are reported in `busy` unless `force`. Steps come as presets.unloadProgress events to the caller.',
  ),
  'models.cancelUnload': defineMethod(
    z.undefined(),
    z.object({ cancelled: z.boolean() }),
    "Cancel this caller's running unloads (they end `cancelled`, what ran stays); false when none runs.",
  ),
} as const;

export const modelsEvents = {
  'models.changed': defineEvent(ModelsStateSchema, 'The loaded set changed (after a switch, an unload, or a refresh).'),
} as const;
