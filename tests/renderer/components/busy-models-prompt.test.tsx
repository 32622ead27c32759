// @vitest-environment jsdom
/**
 * A switch or unload refused because a model is generating asks the person: the busy models, "Unload
 * anyway" (the same call again with force) and Cancel (focused first; Escape works too).
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { IdleAlertBanner } from '../../../renderer/src/monitor/idle-alert-banner';
import { LoadedModelsCard } from '../../../renderer/src/monitor/loaded-models-card';
import { ApplyStatus } from '../../../renderer/src/settings/apply-status';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { ModelsState } from '../../../shared/contract/models';
import type { PresetList } from '../../../shared/contract/presets';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const Q7 = 'qwen2.5-7b-instruct';
const L3 = 'llama-3.2-3b-instruct';
const BUSY_MESSAGE = `${Q7} is still generating after waiting 30 s, so nothing was changed.`;

const presetList: PresetList = {
  presets: [{ id: 'gaming', name: 'Gaming', description: '', models: [], exclusive: true, builtIn: true }],
  activePresetId: null,
  pinned: [],
  applyingPresetId: null,
};

const loadedModel = (key: string, displayName: string) => ({
  instanceId: key,
  modelKey: key,
  contextLength: 4096,
  gpuOffload: null,
  ttlSeconds: null,
  flashAttention: null,
  offloadKvCacheToGpu: null,
  status: 'generating' as const,
  displayName,
  sizeBytes: 4_000_000_000,
  pinned: false,
});

function renderIn(language: 'en' | 'pt-BR', ui: ReactNode, api = createFakeApi()) {
  const store = createAppStore(api);
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>{ui}</StoreProvider>
    </I18nextProvider>,
  );
  return { api, store };
}

describe('Unload anyway? (presets window)', () => {
  function setup(language: 'en' | 'pt-BR' = 'en') {
    const api = createFakeApi();
    api.handle('presets.list', () => ({ ok: true, result: presetList }));
    api.handle('presets.apply', ({ id, force }) => ({
      ok: true,
      result: force
        ? {
            presetId: id,
            result: 'ok',
            plan: [{ action: 'unload', key: Q7, instanceId: Q7, estimatedBytes: null, placement: null }],
            message: null,
          }
        : {
            presetId: id,
            result: 'refused',
            plan: [],
            message: BUSY_MESSAGE,
            busy: [{ instanceId: Q7, modelKey: Q7 }],
          },
    }));
    const { store } = renderIn(language, <ApplyStatus />, api);
    store.useStore.getState().receivePresetList(presetList);
    return { api, store };
  }

  it('names the generating model, focuses Cancel, and "Unload anyway" applies again with force', async () => {
    const { api, store } = setup();
    await act(async () => {
      await store.useStore.getState().applyPreset('gaming');
    });
    const prompt = screen.getByRole('alertdialog', { name: 'Still generating an answer' });
    expect(prompt.textContent).toContain(Q7);
    expect(prompt.textContent).not.toMatch(/--force/);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Unload anyway' }));
    });
    expect(api.calls.filter((c) => c.method === 'presets.apply').map((c) => c.input)).toEqual([
      { id: 'gaming' },
      { id: 'gaming', force: true },
    ]);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByTestId('apply-result').textContent).toBe('Gaming is loaded.');
  });

  it('Escape (or Cancel) drops the question and calls nothing more', async () => {
    const { api, store } = setup();
    await act(async () => {
      await store.useStore.getState().applyPreset('gaming');
    });
    fireEvent.keyDown(screen.getByRole('button', { name: 'Cancel' }), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api.calls.filter((c) => c.method === 'presets.apply')).toHaveLength(1);
  });

  it('speaks Brazilian Portuguese', async () => {
    const { store } = setup('pt-BR');
    await act(async () => {
      await store.useStore.getState().applyPreset('gaming');
    });
    expect(screen.getByRole('alertdialog', { name: 'Ainda gerando uma resposta' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Descarregar assim mesmo' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancelar' })).toBeTruthy();
  });
});

describe('Unload anyway? (monitor loaded-models card)', () => {
  function setup() {
    const api = createFakeApi();
    let loaded = [loadedModel(Q7, 'Qwen2.5 7B Instruct'), loadedModel(L3, 'Llama 3.2 3B Instruct')];
    const state = (): ModelsState => ({ reachable: true, apiLevel: 'v1', message: null, catalog: [], loaded });
    api.handle('models.list', () => ({ ok: true, result: state() }));
    api.handle('models.unload', ({ instanceId, force }) => {
      if (!force)
        return {
          ok: true,
          result: { unloaded: [], busy: [{ instanceId, modelKey: instanceId }], message: BUSY_MESSAGE },
        };
      loaded = loaded.filter((m) => m.instanceId !== instanceId);
      return { ok: true, result: { unloaded: [instanceId] } };
    });
    api.handle('models.unloadAll', (input) => {
      if (!input?.force)
        return { ok: true, result: { unloaded: [], busy: [{ instanceId: L3, modelKey: L3 }], message: BUSY_MESSAGE } };
      const ids = loaded.map((m) => m.instanceId);
      loaded = [];
      return { ok: true, result: { unloaded: ids } };
    });
    const r = renderIn('en', <LoadedModelsCard />, api);
    act(() => r.store.useStore.getState().receiveModels(state()));
    return r;
  }

  it('Unload on a generating model asks, with its display name; Unload anyway unloads that instance with force', async () => {
    const { api } = setup();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: `Unload ${Q7}` }));
    });
    const prompt = screen.getByRole('alertdialog');
    expect(prompt.textContent).toContain('Qwen2.5 7B Instruct');
    expect(prompt.textContent).toContain(`(${Q7})`);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Unload anyway' }));
    });
    expect(api.calls.filter((c) => c.method === 'models.unload').map((c) => c.input)).toEqual([
      { instanceId: Q7 },
      { instanceId: Q7, force: true },
    ]);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.queryByRole('button', { name: `Unload ${Q7}` })).toBeNull();
  });

  it('Unload all asks too; the keyboard reaches "Unload anyway", which retries unload all with force', async () => {
    const { api } = setup();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Unload all' }));
    });
    const anyway = screen.getByRole('button', { name: 'Unload anyway' });
    expect(anyway.tagName).toBe('BUTTON');
    expect(anyway.getAttribute('tabindex')).not.toBe('-1');
    await act(async () => {
      fireEvent.click(anyway);
    });
    expect(api.calls.filter((c) => c.method === 'models.unloadAll').map((c) => c.input)).toEqual([
      undefined,
      { includePinned: false, force: true },
    ]);
    expect(screen.getByText('No models loaded.')).toBeTruthy();
  });
});

describe('Unload anyway? (monitor idle-power alert)', () => {
  it('the alert\'s unload stops at a generating model, asks, and "Unload anyway" applies Gaming with force', async () => {
    const api = createFakeApi();
    api.handle('presets.list', () => ({ ok: true, result: presetList }));
    api.handle('energy.idleAlertDismiss', () => ({ ok: true, result: { snoozedUntil: null } }));
    api.handle('presets.apply', ({ id, force }) => ({
      ok: true,
      result: force
        ? { presetId: id, result: 'ok', plan: [], message: null }
        : {
            presetId: id,
            result: 'refused',
            plan: [],
            message: BUSY_MESSAGE,
            busy: [{ instanceId: Q7, modelKey: Q7 }],
          },
    }));
    const { store } = renderIn('en', <IdleAlertBanner />, api);
    act(() => {
      store.useStore.getState().receivePresetList(presetList);
      store.useStore.getState().receiveIdleAlert({
        watts: 130,
        baselineW: 35,
        minutes: 10,
        costPerDay: null,
        suggestedPresetId: 'gaming',
        message: 'The GPU draws 130 W with nothing running.',
      });
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Unload all models (Gaming)' }));
    });
    expect(screen.getByRole('alertdialog').textContent).toContain(Q7);
    // Cancel goes back to the alert's own buttons.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Unload all models (Gaming)' }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Unload anyway' }));
    });
    expect(api.calls.filter((c) => c.method === 'presets.apply').map((c) => c.input)).toEqual([
      { id: 'gaming' },
      { id: 'gaming' },
      { id: 'gaming', force: true },
    ]);
    expect(screen.getByRole('status').textContent).toBe('Models unloaded. The GPU can go back to its idle power.');
  });
});
