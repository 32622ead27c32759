// @vitest-environment jsdom
/**
 * A presets call that fails in the settings window is said, in the window's language, where it was asked:
 * duplicate and export above the list, pin in the pinned card, delete in the editor. Before, the list's and
 * the pinned card's failures were kept in the store and never shown.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { PinnedCard } from '../../../renderer/src/settings/pinned-card';
import { PresetList } from '../../../renderer/src/settings/preset-list';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { PresetList as PresetListValue } from '../../../shared/contract/presets';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const list = (pinned: string[] = []): PresetListValue => ({
  presets: [{ id: 'a', name: 'Coding', description: '', models: [], exclusive: true, builtIn: false }],
  activePresetId: null,
  pinned,
  applyingPresetId: null,
});
const refused = { ok: false as const, error: { code: 'failed' as const, message: 'EACCES: permission denied' } };

function setup(language: 'en' | 'pt-BR') {
  const api = createFakeApi();
  api.handle('presets.list', () => ({ ok: true, result: list() }));
  api.handle('presets.duplicate', () => refused);
  api.handle('presets.setPinned', () => refused);
  const store = createAppStore(api);
  store.useStore.getState().receivePresetList(list(['qwen2.5-7b-instruct']));
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>
        <PresetList selectedId="a" onSelect={() => {}} onNew={() => {}} />
        <PinnedCard />
      </StoreProvider>
    </I18nextProvider>,
  );
  return store;
}

describe('a failed presets call in the settings window', () => {
  it('says in pt-BR that the duplicate was not made, with the error, above the list only', async () => {
    setup('pt-BR');
    expect(screen.queryByRole('alert')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Duplicar' }));
    });
    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.textContent).toBe(
      'O preset não foi duplicado. Tente de novo; nada mais mudou. Detalhe: EACCES: permission denied',
    );
  });

  it('says in English that the pins were not saved, in the pinned card', async () => {
    setup('en');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Unpin' }));
    });
    const alert = screen.getByRole('alert');
    expect(alert.closest('section')?.getAttribute('aria-labelledby')).toBe('pinned-title');
    expect(alert.textContent).toBe(
      'The pinned models were not saved; the list shows what is pinned. Try again. Detail: EACCES: permission denied',
    );
  });
});
