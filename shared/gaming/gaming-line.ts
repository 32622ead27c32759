/**
 * A gaming session as one line of the history ("Gaming: Cyberpunk 2077, 1 h 42 min, models restored"),
 * from the session record and a catalog's `gaming` words (English for the CLI, the UI language elsewhere).
 */
import type { GamingSession } from '../contract/gaming';
import { gameLabel } from './game-name';

/** The words a line is made of (the `gaming.line` part of the catalogs in shared/i18n). */
export interface GamingLineWords {
  line: string;
  /** A fullscreen game whose process is unknown (UNNAMED_FULLSCREEN_GAME). */
  unnamedGame: string;
  hours: string;
  minutes: string;
  outcome: Record<GamingSession['outcome'], string>;
}

/** "1 h 42 min", "5 min", "0 min". */
export function formatGamingDuration(ms: number, words: Pick<GamingLineWords, 'hours' | 'minutes'>): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const min = words.minutes.replace('{{n}}', String(m));
  return h > 0 ? `${words.hours.replace('{{n}}', String(h))}${m > 0 ? ` ${min}` : ''}` : min;
}

/** One session as its history line. */
export function formatGamingLine(session: GamingSession, words: GamingLineWords): string {
  const duration = formatGamingDuration(Date.parse(session.endedAt) - Date.parse(session.startedAt), words);
  return words.line
    .replace('{{game}}', gameLabel(session.game, words.unnamedGame))
    .replace('{{duration}}', duration)
    .replace('{{outcome}}', words.outcome[session.outcome]);
}

/** The English words (the CLI's, and the catalog's `en` entry). */
export const GAMING_LINE_EN: GamingLineWords = {
  line: 'Gaming: {{game}}, {{duration}}, {{outcome}}',
  unnamedGame: 'Fullscreen game',
  hours: '{{n}} h',
  minutes: '{{n}} min',
  outcome: {
    restored: 'models restored',
    'restore-off': 'models left unloaded',
    'preset-switched': 'a preset was applied meanwhile',
    'restore-failed': 'models not restored (kept for "Restore models now")',
    'nothing-to-restore': 'nothing to restore',
    'not-unloaded': 'models kept (an answer was still running)',
  },
};

/** The Brazilian Portuguese words (the catalog's `pt-BR` entry). */
export const GAMING_LINE_PT_BR: GamingLineWords = {
  line: 'Jogo: {{game}}, {{duration}}, {{outcome}}',
  unnamedGame: 'Jogo em tela cheia',
  hours: '{{n}} h',
  minutes: '{{n}} min',
  outcome: {
    restored: 'modelos restaurados',
    'restore-off': 'modelos deixados descarregados',
    'preset-switched': 'um preset foi aplicado no meio-tempo',
    'restore-failed': 'modelos não restaurados (guardados para "Restaurar modelos agora")',
    'nothing-to-restore': 'nada a restaurar',
    'not-unloaded': 'modelos mantidos (uma resposta ainda corria)',
  },
};
