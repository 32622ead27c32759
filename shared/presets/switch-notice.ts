/**
 * Why a preset switch stopped (cancelled, failed at a step, refused before it began), as data, and its
 * words: the core sends the notice on `presets.progress` and the switch result, and the tray's
 * notification and the presets window word it from the `switchNotice` catalog in their language; the
 * core's English `message` (what the CLI prints) is this same wording. A `detail` (LM Studio's or the
 * system's own reason) is passed on as it is.
 */
import { z } from 'zod';
import type { Translate } from '../i18n/translate';

const ActionSchema = z.enum(['load', 'unload']);

/** What became of the models after a step failed. */
export const AfterFailureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('restored') }),
  z.object({ kind: z.literal('restore-incomplete'), failures: z.array(z.string()) }),
  z.object({ kind: z.literal('restore-failed'), detail: z.string() }),
  z.object({ kind: z.literal('steps-stay'), count: z.number().int().positive() }),
  z.object({ kind: z.literal('nothing-changed') }),
]);
export type AfterFailure = z.infer<typeof AfterFailureSchema>;

/** Who is answering on a model that a switch or unload met generating. */
export const BusyAnsweringSchema = z.discriminatedUnion('kind', [
  /** Another Loadout process (a `loadout …` in another terminal, the tray app, serve): its origin and pid. */
  z.object({ kind: z.literal('elsewhere'), origin: z.string(), pid: z.number() }),
  /** A request through this Loadout (its endpoint, quick chat, MCP). */
  z.object({ kind: z.literal('loadout') }),
  /** LM Studio says so (one of its own clients). */
  z.object({ kind: z.literal('lm-studio') }),
]);
export type BusyAnswering = z.infer<typeof BusyAnsweringSchema>;

export const SwitchNoticeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cancelled-before') }),
  z.object({
    kind: z.literal('cancelled-during'),
    step: z.number(),
    total: z.number(),
    action: ActionSchema,
    key: z.string(),
  }),
  z.object({ kind: z.literal('cancelled-after'), done: z.number(), total: z.number() }),
  z.object({ kind: z.literal('read-failed'), detail: z.string() }),
  z.object({
    kind: z.literal('step-failed'),
    step: z.number(),
    total: z.number(),
    action: ActionSchema,
    /** The instance or model key of the step. */
    target: z.string(),
    detail: z.string(),
    /** LM Studio's own words when the detail does not already hold them. */
    lmStudio: z.string().nullable(),
    after: AfterFailureSchema,
  }),
  z.object({ kind: z.literal('switch-running'), preset: z.string() }),
  z.object({ kind: z.literal('none-downloaded'), preset: z.string(), missing: z.string() }),
  /** Nothing changed: these models were still generating after the busy wait (ask, then again with force). */
  z.object({
    kind: z.literal('models-busy'),
    waitedSeconds: z.number(),
    models: z.array(z.object({ instanceId: z.string(), answering: BusyAnsweringSchema })),
  }),
]);
export type SwitchNotice = z.infer<typeof SwitchNoticeSchema>;

/** What became of the models after a failed step, in the language of `t`. */
export function wordAfterFailure(after: AfterFailure, t: Translate): string {
  switch (after.kind) {
    case 'restored':
      return t('switchNotice.restored');
    case 'restore-incomplete':
      return t('switchNotice.restoreIncomplete', { failures: after.failures.join('; ') });
    case 'restore-failed':
      return t('switchNotice.restoreFailed', { detail: after.detail });
    case 'steps-stay':
      return t('switchNotice.stepsStay', { count: after.count });
    case 'nothing-changed':
      return t('switchNotice.nothingChanged');
  }
}

/** One generating model with who is answering on it, in the language of `t`. */
function wordBusyModel(instanceId: string, answering: BusyAnswering, t: Translate): string {
  switch (answering.kind) {
    case 'elsewhere':
      // A `loadout …` command is most likely running in another terminal: say where to look.
      return t(answering.origin.startsWith('loadout ') ? 'switchNotice.busyInTerminal' : 'switchNotice.busyElsewhere', {
        name: instanceId,
        origin: answering.origin,
        pid: answering.pid,
      });
    case 'loadout':
      return t('switchNotice.busyLoadout', { name: instanceId });
    case 'lm-studio':
      return instanceId;
  }
}

/** The notice in the language of `t` (what happened and what to do). */
export function wordSwitchNotice(notice: SwitchNotice, t: Translate): string {
  switch (notice.kind) {
    case 'cancelled-before':
      return t('switchNotice.cancelledBefore');
    case 'cancelled-during':
      return t('switchNotice.cancelledDuring', {
        step: notice.step,
        total: notice.total,
        action: t(`switchNotice.action_${notice.action}`),
        key: notice.key,
      });
    case 'cancelled-after':
      return t('switchNotice.cancelledAfter', { done: notice.done, total: notice.total });
    case 'read-failed':
      return t('switchNotice.readFailed', { detail: notice.detail });
    case 'step-failed': {
      const failed = t('switchNotice.stepFailed', {
        step: notice.step,
        total: notice.total,
        action: t(`switchNotice.action_${notice.action}`),
        target: notice.target,
        detail: notice.detail,
      });
      const said = notice.lmStudio ? ` ${t('switchNotice.lmStudioSaid', { said: notice.lmStudio })}` : '';
      return `${failed}${said} ${wordAfterFailure(notice.after, t)}`;
    }
    case 'switch-running':
      return t('switchNotice.switchRunning', { preset: notice.preset });
    case 'none-downloaded':
      return t('switchNotice.noneDownloaded', { preset: notice.preset, missing: notice.missing });
    case 'models-busy':
      return t('switchNotice.modelsBusy', {
        count: notice.models.length,
        models: notice.models.map((m) => wordBusyModel(m.instanceId, m.answering, t)).join(', '),
        seconds: notice.waitedSeconds,
      });
  }
}
