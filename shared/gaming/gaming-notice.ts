/**
 * The words of a gaming notice (contract GamingNotice: models that would not unload for a game, or come
 * back after it; a restorePreset that names no preset; a detection source that could not be read): the
 * core's English `message` and each window's and notification's text come from wordGamingNotice with the
 * `gamingNotice` catalog namespace, so there is one text per language. A `detail` is the source's own
 * reason (the preset switch, the OS), passed on as it is.
 */
import type { GameDetectionProblem, GamingNotice } from '../contract/gaming';
import type { Translate } from '../i18n/translate';
import { gameLabel } from './game-name';

function wordDetectionProblem(problem: GameDetectionProblem, t: Translate): string {
  return t(problem.source === 'process-list' ? 'gamingNotice.processListUnread' : 'gamingNotice.fullscreenUnread', {
    detail: problem.detail,
  });
}

/** The notice in the language of `t`. */
export function wordGamingNotice(notice: GamingNotice, t: Translate): string {
  switch (notice.kind) {
    case 'restore-preset-missing':
      return t('gamingNotice.restorePresetMissing', { preset: notice.preset, presets: notice.presets.join(', ') });
    case 'detection-failed':
      return t('gamingNotice.detectionFailed', {
        problems: notice.problems.map((p) => wordDetectionProblem(p, t)).join(' '),
      });
    default:
      return t(notice.kind === 'unload-failed' ? 'gamingNotice.unloadFailed' : 'gamingNotice.restoreFailed', {
        game: gameLabel(notice.game, t('gamingCard.unnamedGame')),
        detail: notice.detail,
      });
  }
}
