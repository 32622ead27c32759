// @vitest-environment jsdom
/** The idle alert card: unload all models (Gaming) with progress and result, dismiss, snooze, and an alert raised before the window opened. */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import type { UiLanguage } from '../../../shared/i18n/languages';
import { IdleAlertBanner } from '../../../renderer/src/monitor/idle-alert-banner';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { IdleAlert } from '../../../shared/contract/energy';
import type { PresetSwitchResult } from '../../../shared/contract/presets';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const alert: IdleAlert = {
  watts: 130,
  baselineW: 35,
  minutes: 10,
  costPerDay: { amount: 2.03, currency: 'BRL' },
  suggestedPresetId: 'gaming',
  message:
    'NVIDIA H200 has drawn 130 W for 10 min with nothing running, 95 W above its idle baseline of 35 W (2.28 kWh a day). Apply the Gaming preset to unload the models.',
  words: {
    gpu: 'NVIDIA H200',
    watts: 130,
    excessW: 95,
    baselineW: 35,
    minutes: 10,
    kWhPerDay: 2.28,
    preset: { id: 'gaming', name: 'Gaming', builtIn: true },
  },
};
const presetList = {
  presets: [
    { id: 'gaming', name: 'Gaming', description: 'Unload everything', models: [], exclusive: true, builtIn: true },
  ],
  activePresetId: 'coding',
  pinned: [],
  applyingPresetId: null,
};

function setup(language: UiLanguage = 'en', opts: { standing?: IdleAlert | null; received?: boolean } = {}) {
  const api = createFakeApi();
  let finish: (r: PresetSwitchResult) => void = () => {};
  api.handle(
    'presets.apply',
    ({ id }) =>
      new Promise((resolve) => {
        finish = (r) => resolve({ ok: true, result: { ...r, presetId: id } });
      }),
  );
  api.handle('presets.list', () => ({ ok: true, result: presetList }));
  api.handle('energy.idleAlertDismiss', (input) => ({
    ok: true,
    result: { snoozedUntil: input?.snoozeMinutes ? '2026-11-26T06:00:00.000Z' : null },
  }));
  api.handle('energy.idleAlertCurrent', () => ({ ok: true, result: opts.standing ?? null }));
  const store = createAppStore(api);
  const state = store.useStore.getState();
  state.receivePresetList(presetList);
  if (opts.received !== false) state.receiveIdleAlert(alert);
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>
        <IdleAlertBanner />
      </StoreProvider>
    </I18nextProvider>,
  );
  return { api, store, finish: (r: PresetSwitchResult) => finish(r) };
}

describe('the idle alert card', () => {
  it('unloads all models through the Gaming preset, showing progress and then the result', async () => {
    const { api, store, finish } = setup();
    expect(screen.getByRole('alert').textContent).toContain('130 W');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Unload all models (Gaming)' }));
    });
    expect(api.calls.find((c) => c.method === 'presets.apply')?.input).toEqual({ id: 'gaming' });
    expect(screen.getByRole('status').textContent).toBe('Unloading models (Gaming)…');
    expect((screen.getByRole('button', { name: 'Unload all models (Gaming)' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    await act(async () => {
      store.useStore.getState().receiveProgress({
        presetId: 'gaming',
        phase: 'unloading',
        step: 1,
        total: 2,
        key: 'qwen2.5-7b-instruct',
        sizeBytes: null,
        elapsedMs: 300,
        message: null,
      });
    });
    expect(screen.getByRole('status').textContent).toBe('Unloading models (Gaming)… step 1 of 2: qwen2.5-7b-instruct');
    await act(async () => {
      finish({ presetId: 'gaming', result: 'ok', plan: [], message: null });
    });
    expect(screen.getByRole('status').textContent).toBe('Models unloaded. The GPU can go back to its idle power.');
    expect(screen.queryByRole('button', { name: /Unload all models/ })).toBeNull();
    expect(api.calls.filter((c) => c.method === 'energy.idleAlertDismiss').map((c) => c.input)).toEqual([
      { snoozeMinutes: 0 },
    ]);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows why the switch failed and keeps the button to try again', async () => {
    const { finish } = setup();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Unload all models (Gaming)' }));
    });
    await act(async () => {
      finish({
        presetId: 'gaming',
        result: 'failed',
        plan: [],
        message: 'LM Studio is not running at http://127.0.0.1:1234.',
      });
    });
    expect(screen.getByRole('status').textContent).toBe(
      'Could not apply Gaming: LM Studio is not running at http://127.0.0.1:1234.',
    );
    expect((screen.getByRole('button', { name: 'Unload all models (Gaming)' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
  });

  it("words why the switch failed in Portuguese from the core's notice, keeping LM Studio's words", async () => {
    const { finish } = setup('pt-BR');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Descarregar todos os modelos/ }));
    });
    await act(async () => {
      finish({
        presetId: 'gaming',
        result: 'failed',
        plan: [],
        message: 'Step 1/1 failed: unload qwen2.5-7b-instruct. LM Studio refused. Nothing was changed.',
        notice: {
          kind: 'step-failed',
          step: 1,
          total: 1,
          action: 'unload',
          target: 'qwen2.5-7b-instruct',
          detail: 'LM Studio refused.',
          lmStudio: null,
          after: { kind: 'nothing-changed' },
        },
      });
    });
    const text = screen.getByRole('status').textContent ?? '';
    expect(text).toContain('A etapa 1/1 falhou');
    expect(text).toContain('LM Studio refused.');
    expect(text).toContain('Nada foi alterado.');
    expect(text).not.toContain('Step 1/1 failed');
  });

  it('snoozes the watchdog for an hour, or just dismisses', async () => {
    const { api } = setup();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: "Don't warn for 1 hour" }));
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(api.calls.filter((c) => c.method === 'energy.idleAlertDismiss').map((c) => c.input)).toEqual([
      { snoozeMinutes: 60 },
    ]);
    cleanup();
    const second = setup();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(second.api.calls.filter((c) => c.method === 'energy.idleAlertDismiss').map((c) => c.input)).toEqual([
      { snoozeMinutes: 0 },
    ]);
  });

  it('shows an alert raised before the window opened (the notification was clicked), in pt-BR', async () => {
    const { store } = setup('pt-BR', { standing: alert, received: false });
    expect(screen.queryByRole('alert')).toBeNull();
    await act(async () => {
      store.useStore.getState().setConnection('open', null);
    });
    expect(await screen.findByRole('alert')).toBeTruthy();
    // The sentence is worded here from the core's figures, in Portuguese; the built-in is named from the catalog.
    expect(screen.getByRole('alert').textContent).toContain(
      'NVIDIA H200 consumiu 130 W por 10 min sem nada rodando, 95 W acima da sua base ociosa de 35 W: 2,28 kWh por dia, cerca de R$\u00a02,03 por dia. Aplique o preset Jogos para descarregar os modelos.',
    );
    expect(screen.getByRole('alert').textContent).not.toContain('has drawn');
    expect(screen.getByRole('button', { name: 'Descarregar todos os modelos (Jogos)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Não avisar por 1 hora' })).toBeTruthy();
  });
});
