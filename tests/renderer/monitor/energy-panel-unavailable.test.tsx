// @vitest-environment jsdom
/**
 * The energy panel when energy.summary failed: what did not happen and what to do, in the window's language,
 * with the core's words as the detail. Before, pt-BR showed "Dados de energia indisponíveis:" and the English alone.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { EnergyPanel } from '../../../renderer/src/monitor/energy-panel';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import { defaultSettings } from '../../../shared/settings/schema';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const detail = 'energy.summary is not available: the energy ledger is not running in this Loadout process.';

async function show(language: 'en' | 'pt-BR') {
  const store = createAppStore(createFakeApi());
  store.useStore.setState({ energyError: detail, settings: defaultSettings() as never });
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

describe('EnergyPanel: energy data that could not be read', () => {
  it('says in pt-BR what did not happen and what to do, the English kept as the detail', async () => {
    await show('pt-BR');
    expect(
      screen.getByText(
        'Não foi possível ler os dados de energia. Eles aparecem quando o registro de energia estiver rodando; ' +
          `se não aparecerem, reinicie o Loadout. Detalhe: ${detail}`,
      ),
    ).toBeTruthy();
  });

  it('says it in English too', async () => {
    await show('en');
    expect(
      screen.getByText(
        'The energy data could not be read. It shows once the energy ledger runs; if it does not, restart Loadout. ' +
          `Detail: ${detail}`,
      ),
    ).toBeTruthy();
  });
});
