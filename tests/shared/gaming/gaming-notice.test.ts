/** Gaming mode's notices worded in English (the core's message, the CLI) and pt-BR (windows, notifications). */
import { describe, expect, it } from 'vitest';
import { GamingNoticeSchema, type GamingNotice } from '../../../shared/contract/gaming';
import { UNNAMED_FULLSCREEN_GAME } from '../../../shared/gaming/game-name';
import { wordGamingNotice } from '../../../shared/gaming/gaming-notice';
import { translator } from '../../../shared/i18n/translate';

const en = translator('en');
const pt = translator('pt-BR');

describe('wordGamingNotice', () => {
  it('words a restorePreset that names no preset, listing the presets there are', () => {
    const notice: GamingNotice = { kind: 'restore-preset-missing', preset: 'gamng', presets: ['dev', 'gaming'] };
    expect(wordGamingNotice(notice, en)).toBe(
      'gaming.restorePreset names "gamng", which is no preset (dev, gaming); the models loaded before the game were restored instead.',
    );
    expect(wordGamingNotice(notice, pt)).toBe(
      'gaming.restorePreset indica "gamng", que não é um preset (dev, gaming); os modelos carregados antes do jogo foram restaurados no lugar.',
    );
  });

  it('words each detection source that failed, keeping its own error', () => {
    const notice: GamingNotice = {
      kind: 'detection-failed',
      problems: [
        { source: 'process-list', detail: 'Could not list processes: access denied.' },
        { source: 'fullscreen', detail: 'HRESULT 0x80004005' },
      ],
    };
    expect(wordGamingNotice(notice, en)).toBe(
      'Game detection: Could not list processes: access denied. Gaming mode cannot see which games run; it keeps the models as they are until it can. Could not read the fullscreen state: HRESULT 0x80004005',
    );
    expect(wordGamingNotice(notice, pt)).toBe(
      'Detecção de jogos: Could not list processes: access denied. O modo jogo não consegue ver quais jogos rodam; ele mantém os modelos como estão até conseguir. Não foi possível ler o estado de tela cheia: HRESULT 0x80004005',
    );
  });

  it('still words unload and restore failures, and refuses a detection notice with no problem', () => {
    const failed: GamingNotice = { kind: 'unload-failed', game: 'eldenring.exe', detail: 'timed out' };
    expect(wordGamingNotice(failed, en)).toBe('Could not unload the models for eldenring.exe: timed out');
    expect(wordGamingNotice(failed, pt)).toBe('Não foi possível descarregar os modelos para eldenring.exe: timed out');
    expect(GamingNoticeSchema.safeParse({ kind: 'detection-failed', problems: [] }).success).toBe(false);
  });

  it('words a restore failure, and names an unnamed full-screen game in the language', () => {
    const restore: GamingNotice = {
      kind: 'restore-failed',
      game: UNNAMED_FULLSCREEN_GAME,
      detail: 'LM Studio is down',
    };
    expect(wordGamingNotice(restore, en)).toMatch(
      /^Could not bring the models back after Fullscreen game: LM Studio is down\./,
    );
  });
});
