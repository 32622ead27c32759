/**
 * The words of a gaming notice (contract GamingNotice: models that would not unload for a game, or come
 * back after it): the core's English `message` and each window's and notification's text come from
 * wordGamingNotice with the `gamingNotice` catalog namespace, so there is one text per language. `detail`
 * is the preset switch's own reason, passed on as it is.
 */
import type { GamingNotice } from '../contract/gaming';
import type { Translate } from '../i18n/translate';
import { gameLabel } from './game-name';

/** The notice in the language of `t`. */
export function wordGamingNotice(notice: GamingNotice, t: Translate): string {
  const game = gameLabel(notice.game, t('gamingCard.unnamedGame'));
  return t(notice.kind === 'unload-failed' ? 'gamingNotice.unloadFailed' : 'gamingNotice.restoreFailed', {
    game,
    detail: notice.detail,
  });
}
