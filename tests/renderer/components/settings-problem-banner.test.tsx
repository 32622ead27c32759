// @vitest-environment jsdom
/**
 * A hand edit broke config.json: the monitor and Presets & settings windows say what is wrong (field path
 * first) and that the last good settings stay in use, in English and pt-BR, whether the problem came before
 * the window opened (`settings.problem`) or while it was open (the `settings.problem` event), and stop
 * saying it once the file is fixed.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { SettingsApp } from '../../../renderer/src/settings/settings-app';
import { toPublicSettings } from '../../../shared/contract/settings';
import { defaultSettings } from '../../../shared/settings/schema';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { SettingsProblemInfo } from '../../../shared/contract/settings';
import type { UiLanguage } from '../../../shared/i18n/languages';
import { createFakeApi } from '../../support/fake-api';

const { MonitorApp } = await import('../../../renderer/src/monitor/monitor-app');

// The charts draw on a canvas jsdom does not have; this test is about the banner above them.
vi.mock('../../../renderer/src/monitor/live-chart', () => ({ LiveChart: () => null }));

afterEach(cleanup);

const PROBLEM: SettingsProblemInfo = {
  file: '/home/ana/.config/Loadout/config.json',
  paths: ['energy.tariff'],
  detail: 'energy.tariff: expected a number (found text)',
  issues: [{ kind: 'wrong-type', path: 'energy.tariff', expected: 'number', found: 'text' }],
  more: 0,
  message:
    'config.json has a problem (energy.tariff: expected a number (found text)); the last good settings stay in use.',
};

/** Open a window over a fake core whose config.json has `standing` wrong. */
function open(window: ReactElement, standing: SettingsProblemInfo | null, language: UiLanguage = 'en') {
  const api = createFakeApi();
  api.handle('settings.problem', () => ({ ok: true, result: { problem: standing } }));
  // The last good settings, which the windows also follow for their language.
  const settings = defaultSettings();
  api.handle('settings.get', () => ({
    ok: true,
    result: toPublicSettings({ ...settings, ui: { ...settings.ui, language } }),
  }));
  const store = createAppStore(api);
  bindEvents(store);
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>{window}</StoreProvider>
    </I18nextProvider>,
  );
  act(() => api.setStatus('open'));
  return api;
}

describe.each([
  ['the monitor window', () => <MonitorApp />],
  ['Presets & settings', () => <SettingsApp />],
])('the settings-problem banner in %s', (_name, window) => {
  it('shows a problem that was there before the window opened, naming the field, and the file to fix', async () => {
    open(window(), PROBLEM);
    const banner = await screen.findByTestId('settings-problem');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('the last good settings stay in use');
    expect(banner.textContent).toContain('energy.tariff: expected a number (found text)');
    expect(banner.textContent).toContain('Fix /home/ana/.config/Loadout/config.json');
  });

  it('appears when the file breaks while the window is open, and goes when it is fixed', async () => {
    const api = open(window(), null);
    await act(async () => {});
    expect(screen.queryByTestId('settings-problem')).toBeNull();
    act(() => api.emit('settings.problem', { problem: PROBLEM }));
    expect(screen.getByTestId('settings-problem').textContent).toContain('energy.tariff');
    act(() => api.emit('settings.problem', { problem: null }));
    expect(screen.queryByTestId('settings-problem')).toBeNull();
  });

  it("says it in Portuguese, the field's problem too", async () => {
    open(window(), PROBLEM, 'pt-BR');
    const banner = await screen.findByTestId('settings-problem');
    expect(banner.textContent).toContain('as últimas configurações válidas');
    expect(banner.textContent).toContain('energy.tariff: esperava um número (encontrou texto)');
    expect(banner.textContent).not.toContain('expected');
  });

  it("keeps an older core's English detail where it sends no issues", async () => {
    open(window(), { ...PROBLEM, issues: undefined, more: undefined }, 'pt-BR');
    const banner = await screen.findByTestId('settings-problem');
    expect(banner.textContent).toContain('energy.tariff: expected a number (found text)');
  });
});
