// @vitest-environment jsdom
/** The presets window's model picker says why LM Studio's catalog is missing in the window's language. */
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { ModelPicker } from '../../../renderer/src/settings/model-picker';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { ModelsState } from '../../../shared/contract/models';
import type { UiLanguage } from '../../../shared/i18n/languages';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const WHERE = 'http://127.0.0.1:1234';
const TOKEN: ModelsState = {
  reachable: false,
  apiLevel: 'v1',
  message: `LM Studio at ${WHERE} requires an API token. Set LM_API_TOKEN (CLI) or the token in Loadout's settings.`,
  unreachable: { kind: 'token-required', where: WHERE },
  catalog: [],
  loaded: [],
};

async function renderPicker(models: ModelsState, language: UiLanguage) {
  const store = createAppStore(createFakeApi());
  store.useStore.getState().receiveModels(models);
  await act(async () => {
    render(
      <I18nextProvider i18n={createI18n(language)}>
        <StoreProvider store={store}>
          <ModelPicker onPick={() => undefined} onClose={() => undefined} />
        </StoreProvider>
      </I18nextProvider>,
    );
  });
}

describe('ModelPicker', () => {
  it('words an LM Studio that wants a token in pt-BR', async () => {
    await renderPicker(TOKEN, 'pt-BR');
    const text = screen.getByTestId('model-picker').textContent ?? '';
    expect(text).toContain(`O LM Studio em ${WHERE} exige um token de API.`);
    expect(text).not.toContain('requires an API token');
  });

  it("keeps the core's sentence where it sends no reason (an older core)", async () => {
    await renderPicker({ ...TOKEN, unreachable: undefined }, 'pt-BR');
    expect(screen.getByTestId('model-picker').textContent).toContain('requires an API token');
  });
});
