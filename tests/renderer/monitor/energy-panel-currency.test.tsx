// @vitest-environment jsdom
/** The energy panel prices in its own language's currency (or energy.currency), whatever locale the server runs in. */
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { EnergyPanel } from '../../../renderer/src/monitor/energy-panel';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { EnergySummary } from '../../../shared/contract/energy';
import { defaultSettings } from '../../../shared/settings/schema';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const totals = { kWh: 0.5, cost: { amount: 0.445, currency: 'USD' }, co2Grams: null };
// As an English `loadout serve` priced it: the amount is the tariff's number, the label the server's guess.
const summary = {
  today: totals,
  week: totals,
  month: totals,
  idleWasteToday: totals,
  method: 'counter',
} as unknown as EnergySummary;

async function todayCost(language: 'en' | 'pt-BR', currency: string | null): Promise<string> {
  const store = createAppStore(createFakeApi());
  const settings = defaultSettings();
  store.useStore.setState({
    energySummary: summary,
    settings: { ...settings, energy: { ...settings.energy, currency } } as never,
  });
  await act(async () => {
    render(
      <I18nextProvider i18n={createI18n(language)}>
        <StoreProvider store={store}>
          <EnergyPanel />
        </StoreProvider>
      </I18nextProvider>,
    );
  });
  return (screen.getByTestId('energy-today').querySelector('.sub')?.textContent ?? '').replace(/\s/g, ' ');
}

describe('EnergyPanel money', () => {
  it('shows R$ in a pt-BR window even when the server priced in USD', async () => {
    expect(await todayCost('pt-BR', null)).toMatch(/^R\$ 0,4\d*$/);
  });

  it('shows $ in an English window, and energy.currency wins in both', async () => {
    expect(await todayCost('en', null)).toMatch(/^\$0\.4\d*$/);
    cleanup();
    expect(await todayCost('pt-BR', 'EUR')).toMatch(/^€ 0,4\d*$/);
  });
});
