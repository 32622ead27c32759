// @vitest-environment jsdom
/** The energy panel's "Delegated today" block, in English and pt-BR: tasks, tokens, Wh and the saving, or how tasks get here. */
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { EnergyPanel } from '../../../renderer/src/monitor/energy-panel';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { DelegationSummaryInfo } from '../../../shared/contract/energy-delegations';
import { defaultSettings } from '../../../shared/settings/schema';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

function today(currency: string, over: Partial<DelegationSummaryInfo['totals']> = {}): DelegationSummaryInfo {
  const totals = {
    tasks: 42,
    answered: 40,
    declined: 2,
    promptTokens: 40_000,
    completionTokens: 21_000,
    energyWh: 18,
    costLocal: 0.1,
    cloudCostAvoided: 4.7,
    saved: 4.6,
    ...over,
  };
  return {
    from: '2026-11-27T03:00:00.000Z',
    to: '2026-11-27T15:00:00.000Z',
    by: 'client',
    currency,
    totals,
    rows: [{ key: 'claude-code', ...totals }],
  };
}

async function show(language: 'en' | 'pt-BR', delegatedToday: DelegationSummaryInfo | null) {
  const store = createAppStore(createFakeApi());
  store.useStore.setState({ delegatedToday, settings: defaultSettings() as never });
  await act(async () => {
    render(
      <I18nextProvider i18n={createI18n(language)}>
        <StoreProvider store={store}>
          <EnergyPanel />
        </StoreProvider>
      </I18nextProvider>,
    );
  });
}

const text = (id: string) => (screen.getByTestId(id).textContent ?? '').replace(/\s/g, ' ');

describe('EnergyPanel: Delegated today', () => {
  it('shows tasks, tokens, Wh and the saving in English', async () => {
    await show('en', today('USD'));
    expect(text('delegated-today')).toContain('Delegated today');
    expect(text('delegated-tasks')).toBe('Tasks4240 answered · 2 declined');
    expect(text('delegated-tokens')).toBe('Tokens61k40k in · 21k out');
    expect(text('delegated-energy')).toBe('Energy18 Whlocal cost $0.10');
    expect(text('delegated-saved')).toBe('Saved≈ $4.60cloud $4.70 avoided');
  });

  it('speaks pt-BR with reais', async () => {
    await show('pt-BR', today('BRL'));
    expect(text('delegated-today')).toContain('Delegado hoje');
    expect(text('delegated-tasks')).toBe('Tarefas4240 respondidas · 2 recusadas');
    expect(text('delegated-saved')).toBe('Poupado≈ R$ 4,60R$ 4,70 de nuvem evitados');
  });

  it('says how tasks get here on a day without any, and shows nothing when the core has no ledger', async () => {
    await show(
      'en',
      today('USD', {
        tasks: 0,
        answered: 0,
        declined: 0,
        promptTokens: 0,
        completionTokens: 0,
        energyWh: 0,
        costLocal: null,
        cloudCostAvoided: null,
        saved: null,
      }),
    );
    expect(text('delegated-today')).toContain('Nothing delegated today');
    expect(screen.queryByTestId('delegated-tasks')).toBeNull();
    cleanup();
    await show('en', null);
    expect(screen.queryByTestId('delegated-today')).toBeNull();
  });
});
