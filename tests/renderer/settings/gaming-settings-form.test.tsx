// @vitest-environment jsdom
/** The "Gaming mode" card of the settings window: every gaming setting saved through the real patch schema, in both languages. */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { GamingSettingsForm } from '../../../renderer/src/settings/gaming-settings-form';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import { applySettingsPatch, SettingsPatchSchema, toPublicSettings } from '../../../shared/contract/settings';
import { defaultSettings, type Settings } from '../../../shared/settings/schema';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

function setup(lang: 'en' | 'pt-BR' = 'en') {
  let stored: Settings = defaultSettings();
  const api = createFakeApi();
  api.handle('settings.set', (patch) => {
    const parsed = SettingsPatchSchema.safeParse(patch);
    if (!parsed.success) return { ok: false, error: { code: 'invalid-input', message: parsed.error.message } };
    stored = applySettingsPatch(stored, parsed.data);
    return { ok: true, result: toPublicSettings(stored) };
  });
  const store = createAppStore(api);
  store.useStore.getState().receiveSettings(toPublicSettings(stored));
  render(
    <I18nextProvider i18n={createI18n(lang)}>
      <StoreProvider store={store}>
        <GamingSettingsForm />
      </StoreProvider>
    </I18nextProvider>,
  );
  return { stored: () => stored, api };
}

const field = (id: string) => screen.getByTestId(id) as HTMLInputElement;

describe('gaming mode settings form', () => {
  it('turns gaming mode on and saves the games, the restore choices and the VRAM threshold', async () => {
    const { stored } = setup();
    fireEvent.click(screen.getByRole('checkbox', { name: /Gaming mode on/ }));
    fireEvent.change(field('gaming-processes'), {
      target: { value: 'eldenring.exe\n  Cyberpunk2077.exe \n\neldenring.exe' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: /Bring the models back after the game/ }));
    fireEvent.change(field('gaming-restoreAfterSeconds'), { target: { value: '90' } });
    fireEvent.change(field('gaming-restorePreset'), { target: { value: 'dev' } });
    fireEvent.change(field('gaming-vramThresholdGiB'), { target: { value: '2,5' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save gaming mode' }));
    });
    expect(stored().gaming).toEqual({
      enabled: true,
      processes: ['eldenring.exe', 'Cyberpunk2077.exe'],
      restore: false,
      restoreAfterSeconds: 90,
      restorePreset: 'dev',
      vramThresholdGiB: 2.5,
      checkIntervalSeconds: 3,
    });
    expect(screen.getByRole('status').textContent).toBe('Settings saved.');
  });

  it('refuses a wrong wait in pt-BR, saying what to type, and saves nothing', async () => {
    const { api } = setup('pt-BR');
    expect(screen.getByRole('heading', { name: 'Modo jogo' })).toBeTruthy();
    fireEvent.change(field('gaming-restoreAfterSeconds'), { target: { value: '1,5' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Salvar modo jogo' }));
    });
    expect(screen.getByRole('status').textContent).toBe('Digite um número inteiro de segundos, 0 ou mais.');
    expect(field('gaming-restoreAfterSeconds').getAttribute('aria-invalid')).toBe('true');
    expect(api.calls.filter((c) => c.method === 'settings.set')).toEqual([]);
  });
});
