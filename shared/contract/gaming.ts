/**
 * Contract: gaming mode (issue 19). While a game runs the models are unloaded and the GPU is the game's;
 * after it ends they come back. `gaming.status` says where the mode stands, `gaming.set` turns it on or
 * off (the `gaming.enabled` setting), `gaming.restore` puts the remembered set back now, and
 * `gaming.unloadAnyway` answers the "a model is still generating" question; `gaming.changed` tells
 * every face (tray state, notification, windows) at each change.
 */
import { z } from 'zod';
import { defineEvent, defineMethod } from './define';

export const GAMING_PHASES = ['off', 'watching', 'unloading', 'asking', 'holding', 'grace', 'restoring'] as const;
export type GamingPhase = (typeof GAMING_PHASES)[number];

/** How a gaming session ended, for its line in the history. */
export const GAMING_OUTCOMES = [
  'restored',
  'restore-off',
  'preset-switched',
  'restore-failed',
  'nothing-to-restore',
  'not-unloaded',
] as const;
export type GamingOutcome = (typeof GAMING_OUTCOMES)[number];

export const GamingSessionSchema = z.object({
  /** The game's name as detected (the first one when several ran). */
  game: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  outcome: z.enum(GAMING_OUTCOMES),
  /** What was restored (a preset's name, or the model keys), or why not. */
  detail: z.string().nullable(),
});
export type GamingSession = z.infer<typeof GamingSessionSchema>;

/** A recent session as the monitor window shows it: its length and the GPU energy spent meanwhile. */
export const GamingSessionLineSchema = GamingSessionSchema.extend({
  durationMs: z.number().nonnegative(),
  /** The desk's GPU energy during the session (Wh) from the energy ledger, or null when it has no minutes. */
  energyWh: z.number().nonnegative().nullable(),
});
export type GamingSessionLine = z.infer<typeof GamingSessionLineSchema>;

/** One source game detection could not read this pass (the process list, or Windows' full-screen state). */
export const GameDetectionProblemSchema = z.object({
  source: z.enum(['process-list', 'fullscreen']),
  /** The source's own error, passed on as it is. */
  detail: z.string(),
});
export type GameDetectionProblem = z.infer<typeof GameDetectionProblemSchema>;

/**
 * What gaming mode has to tell a person (models that would not unload for a game, or come back after it;
 * a restorePreset that names no preset; a detection source it could not read), as data for a window to
 * word in its language (shared/gaming/gaming-notice.ts).
 */
export const GamingNoticeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['unload-failed', 'restore-failed']),
    /** The game's process name (or the unnamed full-screen marker). */
    game: z.string(),
    /** The preset switch's own reason, passed on as it is. */
    detail: z.string(),
  }),
  z.object({
    kind: z.literal('restore-preset-missing'),
    /** What gaming.restorePreset says. */
    preset: z.string(),
    /** The preset ids there are. */
    presets: z.array(z.string()),
  }),
  z.object({ kind: z.literal('detection-failed'), problems: z.array(GameDetectionProblemSchema).min(1) }),
]);
export type GamingNotice = z.infer<typeof GamingNoticeSchema>;

export const GamingStatusSchema = z.object({
  enabled: z.boolean(),
  phase: z.enum(GAMING_PHASES),
  /** The games running now, by name. */
  games: z.array(z.string()),
  /** When the current game took the GPU (ISO), or null. */
  since: z.string().nullable(),
  /** While in `grace`: when the models come back (ISO). */
  restoreAt: z.string().nullable(),
  /** The set put back after the game (model keys, instance ids), or null when nothing is kept. */
  remembered: z
    .object({
      models: z.array(z.object({ key: z.string(), instanceId: z.string() })),
      presetId: z.string().nullable(),
    })
    .nullable(),
  /** True when "Restore models now" has something to do. */
  canRestore: z.boolean(),
  /** While `asking`: the models still generating. */
  busyModels: z.array(z.string()),
  /** The last thing a person should know (a restore that failed and why), or null. */
  message: z.string().nullable(),
  /** The same as data when it is a gaming notice, for a window to word in its language; absent otherwise. */
  notice: GamingNoticeSchema.nullable().optional(),
  /** The latest sessions, newest first. */
  history: z.array(GamingSessionSchema),
  /** The few most recent sessions with duration and energy, newest first (empty from an older core). */
  sessions: z.array(GamingSessionLineSchema).default([]),
});
export type GamingStatus = z.infer<typeof GamingStatusSchema>;

export const GamingRestoreResultSchema = z.object({
  result: z.enum(['ok', 'refused', 'failed', 'nothing']),
  message: z.string().nullable(),
  status: GamingStatusSchema,
});
export type GamingRestoreResult = z.infer<typeof GamingRestoreResultSchema>;

export const gamingMethods = {
  'gaming.status': defineMethod(
    z.object({}).default({}),
    GamingStatusSchema,
    'Where gaming mode stands: on or off, the games running, the remembered set, the latest sessions.',
  ),
  'gaming.set': defineMethod(
    z.object({ enabled: z.boolean() }),
    GamingStatusSchema,
    'Turn gaming mode on or off (the gaming.enabled setting).',
  ),
  'gaming.restore': defineMethod(
    z.object({}).default({}),
    GamingRestoreResultSchema,
    'Put the remembered set (or gaming.restorePreset) back now, even while a game runs.',
  ),
  'gaming.unloadAnyway': defineMethod(
    z.object({}).default({}),
    GamingStatusSchema,
    'Answer "a model is still generating" with yes: unload it for the game now.',
  ),
} as const;

export const gamingEvents = {
  'gaming.changed': defineEvent(
    GamingStatusSchema,
    'Gaming mode changed: a game started or ended, models went or came back.',
  ),
} as const;
