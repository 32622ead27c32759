// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionBanner } from '../../../renderer/src/components/connection-banner';
import { usePreferences } from '../../../renderer/src/components/use-preferences';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import { toPublicSettings } from '../../../shared/contract/settings';
import { en } from '../../../shared/i18n/en';
import { resolveUiLanguage } from '../../../shared/i18n/languages';
import { ptBR } from '../../../shared/i18n/pt-br';
import { defaultSettings } from '../../../shared/settings/schema';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

function Probe() {
  usePreferences();
  return <ConnectionBanner />;
}

function settingsWith(language: 'auto' | 'en' | 'pt-BR', theme: 'system' | 'light' | 'dark' = 'system') {
  const s = defaultSettings();
  return toPublicSettings({ ...s, ui: { ...s.ui, language, theme } });
}

describe('language and theme', () => {
  it('follows settings.ui.language over the browser locale, and back to the locale on auto', async () => {
    const store = createAppStore(createFakeApi());
    const i18n = createI18n('en');
    render(
      <I18nextProvider i18n={i18n}>
        <StoreProvider store={store}>
          <Probe />
        </StoreProvider>
      </I18nextProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe(en.connection.connecting);
    act(() => store.useStore.getState().receiveSettings(settingsWith('pt-BR')));
    expect(await screen.findByText(ptBR.connection.connecting)).toBeTruthy();
    expect(document.documentElement.lang).toBe('pt-BR');
    act(() => store.useStore.getState().receiveSettings(settingsWith('auto')));
    // jsdom's navigator.language is en-US.
    expect(await screen.findByText(en.connection.connecting)).toBeTruthy();
  });

  it('pins the theme with data-theme, or leaves it to the OS on system', () => {
    const store = createAppStore(createFakeApi());
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <StoreProvider store={store}>
          <Probe />
        </StoreProvider>
      </I18nextProvider>,
    );
    act(() => store.useStore.getState().receiveSettings(settingsWith('en', 'dark')));
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    act(() => store.useStore.getState().receiveSettings(settingsWith('en', 'system')));
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
  });

  it('resolves the language from the setting, then any Portuguese or English locale', () => {
    expect(resolveUiLanguage('en', ['pt-BR'])).toBe('en');
    expect(resolveUiLanguage('auto', ['pt-PT', 'en'])).toBe('pt-BR');
    expect(resolveUiLanguage('auto', ['de-DE', 'en-GB'])).toBe('en');
    expect(resolveUiLanguage('auto', ['ja-JP'])).toBe('en');
    expect(resolveUiLanguage(undefined, [])).toBe('en');
  });

  it('has the same keys in both catalogs, none empty', () => {
    const keys = (o: object) =>
      Object.entries(o)
        .flatMap(([k, v]) => Object.keys(v as object).map((l) => `${k}.${l}`))
        .sort();
    expect(keys(ptBR)).toEqual(keys(en));
    for (const section of Object.values(ptBR))
      for (const text of Object.values(section)) expect(String(text).length).toBeGreaterThan(0);
  });
});
