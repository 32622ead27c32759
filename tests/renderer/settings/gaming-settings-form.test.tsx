// @vitest-environment jsdom
/** The "Gaming mode" card of the settings window: every gaming setting saved through the real patch schema, in both languages. */
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { GamingSettingsForm } from '../../../renderer/src/settings/gaming-settings-form';
import { createFakeApi } from '../../support/fake-api';
import { type Language, mountSettings, settingsCore } from './settings-harness';

afterEach(cleanup);

function setup(language: Language = 'en') {
  const api = createFakeApi();
  const core = settingsCore(api);
  mountSettings(<GamingSettingsForm />, api, { language, settings: core.stored() });
  return { stored: core.stored, api };
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
