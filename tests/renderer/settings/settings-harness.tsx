/** What the settings window's tests share: a core in miniature that stores settings, and the window's mount. */
import { act, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import { applySettingsPatch, SettingsPatchSchema, toPublicSettings } from '../../../shared/contract/settings';
import { defaultSettings, type Settings } from '../../../shared/settings/schema';
import type { FakeApi } from '../../support/fake-api';

export type Language = 'en' | 'pt-BR';

/**
 * `settings.set` as the core does it: the real patch schema (a bad patch answers invalid-input) and the real
 * merge over real settings. `replace` is for the other setters a test scripts (secrets, tokens).
 */
export function settingsCore(api: FakeApi, initial: Settings = defaultSettings()) {
  let stored = initial;
  api.handle('settings.set', (patch) => {
    const parsed = SettingsPatchSchema.safeParse(patch);
    if (!parsed.success) return { ok: false, error: { code: 'invalid-input', message: parsed.error.message } };
    stored = applySettingsPatch(stored, parsed.data);
    return { ok: true, result: toPublicSettings(stored) };
  });
  return {
    stored: () => stored,
    replace: (next: Settings) => {
      stored = next;
      return toPublicSettings(stored);
    },
  };
}

export interface MountOptions {
  language?: Language;
  /** What the store holds before the first frame, as the window's first settings.get would give it. */
  settings?: Settings;
  /** Bind the store to the API's events and open the connection, for parts that load on connect. */
  connected?: boolean;
}

/** Render `ui` as the settings window does: the window's language, and a store over `api`. */
export function mountSettings(ui: ReactElement, api: FakeApi, options: MountOptions = {}) {
  const store = createAppStore(api);
  if (options.connected) bindEvents(store);
  if (options.settings) store.useStore.getState().receiveSettings(toPublicSettings(options.settings));
  render(
    <I18nextProvider i18n={createI18n(options.language ?? 'en')}>
      <StoreProvider store={store}>{ui}</StoreProvider>
    </I18nextProvider>,
  );
  if (options.connected) act(() => api.setStatus('open'));
  return store;
}
