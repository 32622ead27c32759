// @vitest-environment jsdom
/**
 * The quick chat's Markdown chunk loads lazily; when that load fails, the answer stays readable as plain,
 * escaped text with a note saying why (en, pt-BR), instead of the whole window going blank.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import { createFakeApi } from '../../support/fake-api';

// What a failed dynamic import() throws in Chromium when the chunk is missing from the build.
vi.mock('../../../renderer/src/quickchat/markdown-answer', () => {
  throw new TypeError('Failed to fetch dynamically imported module: app://loadout/assets/markdown-answer.js');
});

const { AnswerView } = await import('../../../renderer/src/quickchat/answer-view');

afterEach(cleanup);

async function show(language: 'en' | 'pt-BR') {
  const store = createAppStore(createFakeApi());
  // React logs every error a boundary catches; that noise is expected here.
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    await act(async () => {
      render(
        <I18nextProvider i18n={createI18n(language)}>
          <StoreProvider store={store}>
            <AnswerView text={'**bold** <img src=x onerror="alert(1)">'} streaming={false} />
          </StoreProvider>
        </I18nextProvider>,
      );
    });
    await screen.findByTestId('markdown-failed');
  } finally {
    quiet.mockRestore();
  }
}

describe('the quick chat when its Markdown module fails to load', () => {
  it('shows the answer as plain, escaped text with a note saying why', async () => {
    await show('en');
    expect(screen.getByText('**bold** <img src=x onerror="alert(1)">')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByTestId('markdown-failed').textContent).toMatch(
      /^Formatting could not be loaded \(.+\), so answers show as plain text\. Restart Loadout to try again\.$/,
    );
  });

  it('says it in Portuguese', async () => {
    await show('pt-BR');
    expect(screen.getByTestId('markdown-failed').textContent).toMatch(
      /^Não foi possível carregar a formatação .*Reinicie o Loadout para tentar de novo\.$/,
    );
  });
});
