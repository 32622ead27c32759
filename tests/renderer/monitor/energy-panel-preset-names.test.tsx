// @vitest-environment jsdom
/** The energy panel names presets as the rest of the UI does: a built-in in the window's language, not its stored id. */
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { EnergyPanel } from '../../../renderer/src/monitor/energy-panel';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { EnergyReport } from '../../../shared/contract/energy';
import { NO_PRESET_KEY } from '../../../shared/energy/energy-report';
import { builtInPresets } from '../../../shared/presets/builtins';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const row = (key: string, label: string, kWh: number) => ({ key, label, kWh });
// As the ledger reports it: the preset's id as its label; one preset since deleted; energy before any preset.
const byPreset = {
  rows: [
    row('dual-7b', 'dual-7b', 0.005),
    row('my-coder', 'my-coder', 0.002),
    row('gone', 'gone', 0.001),
    row(NO_PRESET_KEY, '(no preset)', 0.0001),
  ],
} as unknown as EnergyReport;

async function presetLabels(language: 'en' | 'pt-BR'): Promise<string[]> {
  const store = createAppStore(createFakeApi());
  const dual = builtInPresets().find((p) => p.id === 'dual-7b')!;
  const mine = { ...dual, id: 'my-coder', name: 'Meu coder', builtIn: false };
  store.useStore.setState({ energyByPreset: byPreset, presetList: { presets: [dual, mine] } as never });
  await act(async () => {
    render(
      <I18nextProvider i18n={createI18n(language)}>
        <StoreProvider store={store}>
          <EnergyPanel />
        </StoreProvider>
      </I18nextProvider>,
    );
  });
  const split = screen.getAllByRole('heading', { level: 3 })[1]!.parentElement!;
  return [...split.querySelectorAll('.bar-row > span[title]')].map((s) => s.textContent ?? '');
}

describe('EnergyPanel presets', () => {
  it('shows a built-in by its pt-BR name, a user preset by its own name, and a deleted one by its id', async () => {
    expect(await presetLabels('pt-BR')).toEqual(['Dois 7B', 'Meu coder', 'gone', '(sem preset)']);
  });

  it('shows the English names in an English window', async () => {
    expect(await presetLabels('en')).toEqual(['Dual 7B', 'Meu coder', 'gone', '(no preset)']);
  });
});
