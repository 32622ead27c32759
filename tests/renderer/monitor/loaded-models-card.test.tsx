// @vitest-environment jsdom
/** The monitor's loaded-models card says which LM Studio API level is in use and what it cannot do. */
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { LoadedModelsCard } from '../../../renderer/src/monitor/loaded-models-card';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { ModelsState } from '../../../shared/contract/models';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

async function renderWith(models: ModelsState, language: 'en' | 'pt-BR' = 'en') {
  const store = createAppStore(createFakeApi());
  store.useStore.getState().receiveModels(models);
  await act(async () => {
    render(
      <I18nextProvider i18n={createI18n(language)}>
        <StoreProvider store={store}>
          <LoadedModelsCard />
        </StoreProvider>
      </I18nextProvider>,
    );
  });
}

const V0_LIMITS = 'LM Studio 0.3.x: no REST load/unload; Loadout uses the lms CLI; sizes unknown.';

describe('LoadedModelsCard', () => {
  it('names the API level and its limitations when LM Studio answers', async () => {
    await renderWith({ reachable: true, apiLevel: 'v0', message: V0_LIMITS, catalog: [], loaded: [] });
    expect(screen.getByTestId('lmstudio-level').textContent).toBe(`LM Studio · REST v0 — ${V0_LIMITS}`);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows the level alone when nothing is missing, and only the reason when LM Studio is down', async () => {
    await renderWith({ reachable: true, apiLevel: 'v1', message: null, catalog: [], loaded: [] });
    expect(screen.getByTestId('lmstudio-level').textContent).toBe('LM Studio · REST v1');
    cleanup();
    await renderWith({
      reachable: false,
      apiLevel: 'none',
      message: 'LM Studio is not answering at http://127.0.0.1:1234.',
      catalog: [],
      loaded: [],
    });
    expect(screen.queryByTestId('lmstudio-level')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('not answering');
  });

  it('words the limitations in the window language from their codes', async () => {
    const english = 'LM Studio does not report GPU offload or VRAM per loaded model; Loadout estimates them.';
    await renderWith(
      {
        reachable: true,
        apiLevel: 'v1',
        message: english,
        notices: [{ code: 'estimatesOnly' }],
        catalog: [],
        loaded: [],
      },
      'pt-BR',
    );
    const line = screen.getByTestId('lmstudio-level').textContent ?? '';
    expect(line).toContain('o Loadout estima esses valores');
    expect(line).not.toContain('does not report');
  });

  it("words an unreachable LM Studio in pt-BR from its reason, not the core's English", async () => {
    const where = 'http://127.0.0.1:1234 (from settings)';
    await renderWith(
      {
        reachable: false,
        apiLevel: 'none',
        message: `LM Studio is not running at ${where}. Open LM Studio and start its server.`,
        unreachable: { kind: 'not-running', where },
        catalog: [],
        loaded: [],
      },
      'pt-BR',
    );
    const text = screen.getByRole('status').textContent ?? '';
    expect(text).toContain(`O LM Studio não está rodando em ${where}.`);
    expect(text).not.toContain('is not running');
  });

  it('words a models call that failed outright in the window language, keeping the error as detail', async () => {
    const detail = 'models.list is not available: the LM Studio service is not running in this Loadout process.';
    for (const [language, said] of [
      ['pt-BR', 'Não foi possível ler a lista de modelos.'],
      ['en', 'The model list could not be read.'],
    ] as const) {
      const api = createFakeApi();
      api.handle('models.list', () => ({ ok: false, error: { code: 'unavailable', message: detail } }));
      const store = createAppStore(api);
      await act(async () => {
        render(
          <I18nextProvider i18n={createI18n(language)}>
            <StoreProvider store={store}>
              <LoadedModelsCard />
            </StoreProvider>
          </I18nextProvider>,
        );
        await store.useStore.getState().loadModels();
      });
      const text = screen.getByRole('status').textContent ?? '';
      expect(text).toContain(said);
      expect(text).toContain(detail);
      if (language === 'pt-BR') expect(text).not.toMatch(/could not be read|Try again/);
      cleanup();
    }
  });
});
