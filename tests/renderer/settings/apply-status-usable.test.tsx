// @vitest-environment jsdom
/** The presets window says when a switching preset can answer: while the rest loads, and once applied (en, pt-BR). */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { ApplyStatus } from '../../../renderer/src/settings/apply-status';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { PresetList, PresetProgress } from '../../../shared/contract/presets';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const presetList: PresetList = {
  presets: [{ id: 'multi', name: 'Multi', description: '', models: [], exclusive: true, builtIn: false }],
  activePresetId: null,
  pinned: [],
  applyingPresetId: 'multi',
};
const loading: PresetProgress = {
  presetId: 'multi',
  phase: 'loading',
  step: 2,
  total: 3,
  key: 'qwen2.5-7b-instruct',
  sizeBytes: null,
  elapsedMs: 900,
  message: null,
};

function open(language: 'en' | 'pt-BR') {
  const api = createFakeApi();
  api.handle('presets.list', () => ({ ok: true, result: presetList }));
  api.handle('presets.apply', ({ id }) => ({
    ok: true,
    result: { presetId: id, result: 'ok' as const, plan: [], message: null, usableAfterMs: 1440 },
  }));
  const store = createAppStore(api);
  bindEvents(store);
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>
        <ApplyStatus />
      </StoreProvider>
    </I18nextProvider>,
  );
  act(() => api.setStatus('open'));
  return { api, store };
}

describe('the switch banner and time to usable', () => {
  it('shows nothing about it until the preset can answer, then the time, and keeps it once applied', async () => {
    const { api, store } = open('en');
    act(() => api.emit('presets.progress', loading));
    await screen.findByTestId('apply-progress');
    expect(screen.queryByTestId('apply-usable')).toBeNull();
    act(() => api.emit('presets.progress', { ...loading, step: 3, usableAfterMs: 1200 }));
    expect((await screen.findByTestId('apply-usable')).textContent).toBe('Ready to answer after 1.2 s.');
    await act(async () => {
      await store.useStore.getState().applyPreset('multi');
    });
    await waitFor(() => expect(screen.getByTestId('apply-result').textContent).toMatch(/after 1\.4 s\.$/));
  });

  it('says it in Portuguese with a decimal comma', async () => {
    const { api } = open('pt-BR');
    act(() => api.emit('presets.progress', { ...loading, usableAfterMs: 400 }));
    expect((await screen.findByTestId('apply-usable')).textContent).toBe('Pronto para responder após 0,4 s.');
    // The phase in the window's language, not the core's word ("loading"); "Etapa" as in the switch's other texts.
    expect(screen.getByTestId('apply-progress').textContent).toContain('Etapa 2 de 3 · carregando qwen2.5-7b-instruct');
  });

  it("words why a switch stopped in pt-BR, not in the core's English", async () => {
    const { api, store } = open('pt-BR');
    api.handle('presets.apply', ({ id }) => ({
      ok: true,
      result: {
        presetId: id,
        result: 'failed' as const,
        plan: [],
        message: 'Step 1/1 failed: load x. LM Studio is not running. Nothing was changed.',
        notice: {
          kind: 'step-failed' as const,
          step: 1,
          total: 1,
          action: 'load' as const,
          target: 'x',
          detail: 'LM Studio is not running.',
          lmStudio: null,
          after: { kind: 'nothing-changed' as const },
        },
      },
    }));
    await act(async () => {
      await store.useStore.getState().applyPreset('multi');
    });
    await waitFor(() =>
      expect(screen.getByTestId('apply-result').textContent).toBe(
        'Multi não foi aplicado. A etapa 1/1 falhou: carregar x. LM Studio is not running. Nada foi alterado.',
      ),
    );
  });

  it('words a presets.apply call that failed outright in pt-BR, the error kept as the detail', async () => {
    const { api, store } = open('pt-BR');
    api.handle('presets.apply', () => ({
      ok: false,
      error: { code: 'unavailable', message: 'presets.apply is not available: the preset switcher is not running' },
    }));
    await act(async () => {
      await store.useStore.getState().applyPreset('multi');
    });
    await waitFor(() =>
      expect(screen.getByTestId('apply-result').textContent).toBe(
        'multi não foi aplicado. A troca não foi até o fim. Veja os modelos carregados e tente de novo. ' +
          'Detalhe: presets.apply is not available: the preset switcher is not running',
      ),
    );
  });
});
