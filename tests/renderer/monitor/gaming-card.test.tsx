// @vitest-environment jsdom
/** The monitor's gaming card: the game holding the GPU since when, Restore models now, the recent sessions, live. */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { GamingCard } from '../../../renderer/src/monitor/gaming-card';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { GamingSessionLine, GamingStatus } from '../../../shared/contract/gaming';
import { UNNAMED_FULLSCREEN_GAME } from '../../../shared/gaming/game-name';
import type { UiLanguage } from '../../../shared/i18n/languages';
import { createFakeApi } from '../../support/fake-api';
import { gamingStatus as status } from '../../support/gaming-fixtures';

afterEach(cleanup);

// 21:04 in the test's own time zone, so the shown time does not depend on where it runs.
const since = new Date(2026, 11, 7, 21, 4).toISOString();
// English shows the clock the way the locale does ("9:04 PM"); pt-BR shows "21:04".
const enClock = new Intl.DateTimeFormat('en', { timeStyle: 'short' }).format(new Date(since));

const cyberpunk: GamingSessionLine = {
  game: 'Cyberpunk 2077',
  startedAt: '2026-12-06T20:00:00.000Z',
  endedAt: '2026-12-06T21:42:00.000Z',
  outcome: 'restored',
  detail: 'qwen2.5-7b-instruct',
  durationMs: 102 * 60_000,
  energyWh: 410,
};

const holding = status({
  phase: 'holding',
  games: ['Cyberpunk 2077'],
  since,
  remembered: { models: [{ key: 'qwen2.5-7b-instruct', instanceId: 'qwen2.5-7b-instruct' }], presetId: null },
  canRestore: true,
});

async function setup(initial: GamingStatus, language: UiLanguage = 'en') {
  const api = createFakeApi();
  api.handle('gaming.status', () => ({ ok: true, result: initial }));
  const store = createAppStore(api);
  store.useStore.setState({ connection: 'open' });
  await act(async () => {
    render(
      <I18nextProvider i18n={createI18n(language)}>
        <StoreProvider store={store}>
          <GamingCard />
        </StoreProvider>
      </I18nextProvider>,
    );
  });
  return api;
}

describe('the gaming card', () => {
  it('is not shown while gaming mode is off and no session was kept', async () => {
    await setup(status({ enabled: false, phase: 'off' }));
    expect(screen.queryByTestId('gaming-card')).toBeNull();
  });

  it('says which game has the GPU since when, and restores the models on click', async () => {
    const api = await setup(holding);
    expect(screen.getByRole('status').textContent).toBe(`Gaming: Cyberpunk 2077 since ${enClock} — models unloaded`);
    const restored = status({ sessions: [cyberpunk] });
    api.handle('gaming.restore', () => ({
      ok: true,
      result: { result: 'ok' as const, message: null, status: restored },
    }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Restore models now' }));
    });
    expect(api.calls.map((c) => c.method)).toContain('gaming.restore');
    expect(screen.queryByRole('button', { name: 'Restore models now' })).toBeNull();
    expect(screen.getByTestId('gaming-sessions').textContent).toBe(
      'Gaming: Cyberpunk 2077, 1 h 42 min, models restored · 0.41 kWh',
    );
  });

  it('shows why a restore failed', async () => {
    const api = await setup(holding);
    api.handle('gaming.restore', () => ({
      ok: true,
      result: { result: 'failed' as const, message: 'LM Studio is not running.', status: holding },
    }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Restore models now' }));
    });
    expect(screen.getByRole('alert').textContent).toBe('Models not restored: LM Studio is not running.');
  });

  it('appears with the sessions when gaming.changed reports them, even with the mode off', async () => {
    const api = await setup(status({ enabled: false, phase: 'off' }));
    const failed: GamingSessionLine = {
      ...cyberpunk,
      game: UNNAMED_FULLSCREEN_GAME,
      outcome: 'restore-failed',
      durationMs: 5 * 60_000,
      endedAt: '2026-12-06T20:05:00.000Z',
      energyWh: null,
    };
    act(() => api.emit('gaming.changed', status({ enabled: false, phase: 'off', sessions: [cyberpunk, failed] })));
    const lines = [...screen.getByTestId('gaming-sessions').querySelectorAll('li')].map((li) => li.textContent);
    expect(lines).toEqual([
      'Gaming: Cyberpunk 2077, 1 h 42 min, models restored · 0.41 kWh',
      'Gaming: Fullscreen game, 5 min, restore failed',
    ]);
  });

  it("words why the models did not come back in pt-BR, not in the core's English", async () => {
    await setup(
      {
        ...holding,
        message: 'Could not bring the models back after Cyberpunk2077.exe: LM Studio is not running. They are kept.',
        notice: { kind: 'restore-failed', game: 'Cyberpunk2077.exe', detail: 'LM Studio is not running' },
      },
      'pt-BR',
    );
    expect(screen.getByTestId('gaming-message').textContent).toMatch(
      /^Não foi possível trazer os modelos de volta depois de Cyberpunk2077\.exe: LM Studio is not running\./,
    );
  });

  it('words a detection problem and a missing restore preset in pt-BR', async () => {
    await setup(
      {
        ...holding,
        message: 'Game detection: Could not list processes: access denied. Gaming mode cannot see which games run.',
        notice: { kind: 'detection-failed', problems: [{ source: 'fullscreen', detail: 'HRESULT 0x80004005' }] },
      },
      'pt-BR',
    );
    expect(screen.getByTestId('gaming-message').textContent).toBe(
      'Detecção de jogos: Não foi possível ler o estado de tela cheia: HRESULT 0x80004005',
    );
    cleanup();
    await setup(
      {
        ...holding,
        message:
          'gaming.restorePreset names "x", which is no preset (dev); the models loaded before the game were restored instead.',
        notice: { kind: 'restore-preset-missing', preset: 'x', presets: ['dev', 'gaming'] },
      },
      'pt-BR',
    );
    expect(screen.getByTestId('gaming-message').textContent).toBe(
      'gaming.restorePreset indica "x", que não é um preset (dev, gaming); os modelos carregados antes do jogo foram restaurados no lugar.',
    );
  });

  it("says why a restore by hand failed with the switch's reason, not the core's English sentence", async () => {
    const api = await setup(holding, 'pt-BR');
    const notice = { kind: 'restore-failed' as const, game: 'Cyberpunk2077.exe', detail: 'LM Studio is not running' };
    api.handle('gaming.restore', () => ({
      ok: true,
      result: {
        result: 'failed' as const,
        message: 'Could not bring the models back after Cyberpunk2077.exe: LM Studio is not running. They are kept.',
        status: { ...holding, notice },
      },
    }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Restaurar modelos agora' }));
    });
    expect(screen.getByRole('alert').textContent).toBe('Modelos não restaurados: LM Studio is not running');
  });

  it('says in pt-BR that the models were not restored when the call fails outright, the error as the detail', async () => {
    const api = await setup(holding, 'pt-BR');
    api.handle('gaming.restore', () => ({
      ok: false,
      error: { code: 'unavailable', message: 'gaming.restore is not available: the gaming mode is not running' },
    }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Restaurar modelos agora' }));
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'Os modelos não foram restaurados. Tente de novo; se continuar falhando, reinicie o Loadout. ' +
        'Detalhe: gaming.restore is not available: the gaming mode is not running',
    );
  });

  it("says a restore refused while the mode is busy in the window's language, not the core's English", async () => {
    const busy = { result: 'refused' as const, message: 'Gaming mode is unloading right now; try again in a moment.' };
    const api = await setup(holding, 'pt-BR');
    api.handle('gaming.restore', () => ({ ok: true, result: { ...busy, status: holding } }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Restaurar modelos agora' }));
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'Modelos não restaurados: o modo jogo está mexendo neles agora. Tente de novo em instantes.',
    );
  });

  it('speaks Brazilian Portuguese', async () => {
    await setup({ ...holding, sessions: [{ ...cyberpunk, outcome: 'restore-off' }] }, 'pt-BR');
    expect(screen.getByRole('status').textContent).toBe('Jogando: Cyberpunk 2077 desde 21:04 — modelos descarregados');
    expect(screen.getByRole('button', { name: 'Restaurar modelos agora' })).toBeTruthy();
    expect(screen.getByTestId('gaming-sessions').textContent).toBe(
      'Jogo: Cyberpunk 2077, 1 h 42 min, modelos deixados descarregados · 0,41 kWh',
    );
  });
});
