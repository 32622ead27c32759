/**
 * What gaming mode has to tell a person (models that would not unload for a game, or come back after it),
 * as data: the core's English `message` and each window's and notification's text come from
 * wordGamingNotice with the `gamingNotice` catalog namespace, so there is one text per language. `detail`
 * is the preset switch's own reason, passed on as it is.
 */
import { z } from 'zod';
import type { Translate } from '../i18n/translate';
import { gameLabel } from './game-name';

export const GamingNoticeSchema = z.object({
  kind: z.enum(['unload-failed', 'restore-failed']),
  /** The game's process name (or the unnamed full-screen marker). */
  game: z.string(),
  detail: z.string(),
});
export type GamingNotice = z.infer<typeof GamingNoticeSchema>;

/** The notice in the language of `t`. */
export function wordGamingNotice(notice: GamingNotice, t: Translate): string {
  const game = gameLabel(notice.game, t('gamingCard.unnamedGame'));
  return t(notice.kind === 'unload-failed' ? 'gamingNotice.unloadFailed' : 'gamingNotice.restoreFailed', {
    game,
    detail: notice.detail,
  });
}
