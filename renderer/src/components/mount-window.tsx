/**
 * Start one window: connect to the core, build the store, bind the events once, pick the language,
 * and render `App` inside the providers. Each window's main.tsx is one call to this.
 */
import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { connectApi } from '../api/connect';
import { browserLocales, createI18n } from '../i18n/init-i18n';
import { resolveUiLanguage } from '../../../shared/i18n/languages';
import { bindEvents } from '../store/bind-events';
import { createAppStore, type AppStore } from '../store/create-app-store';
import { StoreProvider } from '../store/store-context';

/** Mount `App` into #root with a connected store; returns the store (the bench and tests reach it through window). */
export function mountWindow(App: ComponentType, onReady?: (store: AppStore) => void): AppStore {
  const store = createAppStore(connectApi());
  bindEvents(store);
  const i18n = createI18n(resolveUiLanguage('auto', browserLocales()));
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <StoreProvider store={store}>
          <App />
        </StoreProvider>
      </I18nextProvider>
    </StrictMode>,
  );
  onReady?.(store);
  return store;
}
