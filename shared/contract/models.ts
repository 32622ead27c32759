/** Contract: LM Studio's catalog and loaded models. */
import { z } from 'zod';
import { ApiLevelSchema, CatalogModelSchema, LmStudioNoticeSchema, LoadedInstanceSchema } from '../lmstudio/types';
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
  catalog: z.array(CatalogModelSchema),
  loaded: z.array(LoadedModelSchema),
});
export type ModelsState = z.infer<typeof ModelsStateSchema>;

/** A loaded model that is answering a request, so an unload or switch stopped before touching it. */
export const BusyModelSchema = z.object({ instanceId: z.string(), modelKey: z.string() });
export type BusyModel = z.infer<typeof BusyModelSchema>;

const UnloadResultSchema = z.object({
  unloaded: z.array(z.string()),
  /** Present (non-empty) when nothing was unloaded because these models are still generating: ask, then retry with `force`. */
  busy: z.array(BusyModelSchema).optional(),
  /** Why nothing was unloaded (with `busy`); absent on success. */
  message: z.string().optional(),
});

/** `force`: unload models that are generating instead of waiting and refusing. */
const ForceSchema = z.boolean().optional();

export const modelsMethods = {
  'models.list': defineMethod(z.undefined(), ModelsStateSchema, "LM Studio's catalog and loaded models."),
  'models.unload': defineMethod(
    z.object({ instanceId: z.string().min(1), force: ForceSchema }),
    UnloadResultSchema,
    'Unload one loaded instance; a generating one is waited for, then reported in `busy` unless `force`.',
  ),
  'models.unloadAll': defineMethod(
    z.object({ includePinned: z.boolean().default(false), force: ForceSchema }).optional(),
    UnloadResultSchema,
    'Unload every loaded model (pinned ones too only when asked); generating ones are reported in `busy` unless `force`.',
  ),
} as const;

export const modelsEvents = {
  'models.changed': defineEvent(ModelsStateSchema, 'The loaded set changed (after a switch, an unload, or a refresh).'),
} as const;
