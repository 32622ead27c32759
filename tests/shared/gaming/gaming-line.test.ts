/** A gaming session's history line, and the fullscreen game whose process is unknown worded per language. */
import { describe, expect, it } from 'vitest';
import type { GamingSession } from '../../../shared/contract/gaming';
import { UNNAMED_FULLSCREEN_GAME } from '../../../shared/gaming/game-name';
import { formatGamingLine, GAMING_LINE_EN, GAMING_LINE_PT_BR } from '../../../shared/gaming/gaming-line';

const session = (game: string): GamingSession => ({
  game,
  startedAt: '2026-12-07T19:22:00Z',
  endedAt: '2026-12-07T21:04:00Z',
  outcome: 'restored',
  detail: null,
});

describe('gaming line', () => {
  it('says the game, the duration and the outcome', () => {
    expect(formatGamingLine(session('Cyberpunk 2077'), GAMING_LINE_EN)).toBe(
      'Gaming: Cyberpunk 2077, 1 h 42 min, models restored',
    );
  });

  it('words the unnamed fullscreen game in each language', () => {
    expect(formatGamingLine(session(UNNAMED_FULLSCREEN_GAME), GAMING_LINE_EN)).toBe(
      'Gaming: Fullscreen game, 1 h 42 min, models restored',
    );
    expect(formatGamingLine(session(UNNAMED_FULLSCREEN_GAME), GAMING_LINE_PT_BR)).toBe(
      'Jogo: Jogo em tela cheia, 1 h 42 min, modelos restaurados',
    );
  });
});
