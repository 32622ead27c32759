// @vitest-environment jsdom
/**
 * loadout.db locked by another program: the monitor window says so, with how many records wait in
 * memory since when and what to do, in English and pt-BR; says when the oldest are being dropped; and
 * the banner goes once the core reports the file writable again.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { toPublicSettings } from '../../../shared/contract/settings';
import type { DatabaseLockInfo } from '../../../shared/contract/database';
import { defaultSettings } from '../../../shared/settings/schema';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { UiLanguage } from '../../../shared/i18n/languages';
import { createFakeApi } from '../../support/fake-api';

const { MonitorApp } = await import('../../../renderer/src/monitor/monitor-app');

// The charts draw on a canvas jsdom does not have; this test is about the banner above them.
vi.mock('../../../renderer/src/monitor/live-chart', () => ({ LiveChart: () => null }));

afterEach(cleanup);

const FILE = '/home/ana/.config/Loadout/loadout.db';
const SINCE = Date.UTC(2026, 2, 14, 9, 30);
const LOCK: DatabaseLockInfo = { file: FILE, since: SINCE, waiting: 42, dropped: 0 };

function open(standing: DatabaseLockInfo | null, language: UiLanguage = 'en') {
  const api = createFakeApi();
  api.handle('database.lock', () => ({ ok: true, result: { lock: standing } }));
  const settings = defaultSettings();
  api.handle('settings.get', () => ({
    ok: true,
    result: toPublicSettings({ ...settings, ui: { ...settings.ui, language } }),
  }));
  const store = createAppStore(api);
  bindEvents(store);
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>
        <MonitorApp />
      </StoreProvider>
    </I18nextProvider>,
  );
  act(() => api.setStatus('open'));
  return api;
}

const at = (language: string) => new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(SINCE);

describe('the loadout.db lock banner in the monitor window', () => {
  it('shows a lock that was there before the window opened: the file, how many records wait since when, what to do', async () => {
    open(LOCK);
    const banner = await screen.findByTestId('database-lock');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('loadout.db is locked by another program: readings wait in memory');
    expect(banner.textContent).toContain(`Another program (a database browser or a backup tool?) holds ${FILE}`);
    expect(banner.textContent).toContain(`42 records have waited in memory since ${at('en')}`);
    expect(banner.textContent).toContain('Close it if this lasts.');
    expect(screen.queryByTestId('database-lock-dropping')).toBeNull();
  });

  it('appears when the file gets locked, says when the oldest are dropped, and goes when it is writable again', async () => {
    const api = open(null);
    await act(async () => {});
    expect(screen.queryByTestId('database-lock')).toBeNull();
    act(() => api.emit('database.lock', { lock: { ...LOCK, waiting: 1 } }));
    expect(screen.getByTestId('database-lock').textContent).toContain('1 record has waited in memory');
    act(() => api.emit('database.lock', { lock: { ...LOCK, waiting: 5000, dropped: 17 } }));
    expect(screen.getByTestId('database-lock-dropping').textContent).toBe(
      `It has lasted so long that memory for waiting records is full: the oldest are being dropped (17 so far). Close the program that holds ${FILE} so Loadout can write again.`,
    );
    act(() => api.emit('database.lock', { lock: null }));
    expect(screen.queryByTestId('database-lock')).toBeNull();
  });

  it('says it in Portuguese', async () => {
    open({ ...LOCK, dropped: 3 }, 'pt-BR');
    const banner = await screen.findByTestId('database-lock');
    expect(banner.textContent).toContain('O loadout.db está bloqueado por outro programa');
    expect(banner.textContent).toContain(`42 registros aguardam na memória desde ${at('pt-BR')}`);
    expect(screen.getByTestId('database-lock-dropping').textContent).toContain(
      'os mais antigos estão sendo descartados (3 até agora)',
    );
  });
});
