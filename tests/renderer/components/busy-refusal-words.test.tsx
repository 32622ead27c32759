// @vitest-environment jsdom
/**
 * A switch or unload refused because models are generating: the window words the core's refusal (how long
 * it waited, who is answering on each model, what to do) in its own language, not the core's English.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { LoadedModelsCard } from '../../../renderer/src/monitor/loaded-models-card';
import { ApplyStatus } from '../../../renderer/src/settings/apply-status';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { ModelsState } from '../../../shared/contract/models';
import type { PresetList } from '../../../shared/contract/presets';
import type { SwitchNotice } from '../../../shared/presets/switch-notice';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const Q7 = 'qwen2.5-7b-instruct';
const NOTICE: SwitchNotice = {
  kind: 'models-busy',
  waitedSeconds: 30,
  models: [{ instanceId: Q7, answering: { kind: 'elsewhere', origin: 'loadout chat', pid: 4242 } }],
};
const ENGLISH = `${Q7} (answering in another Loadout process: loadout chat, pid 4242, perhaps in another terminal) is still generating after waiting 30 s, so nothing was changed. Retry when the answer is done, or unload it anyway (the answer is cut off).`;
const PORTUGUESE = `${Q7} (respondendo em outro processo do Loadout: loadout chat, pid 4242, talvez em outro terminal) ainda está gerando depois de 30 s de espera, então nada foi alterado. Tente de novo quando a resposta terminar, ou descarregue-o assim mesmo (a resposta é interrompida).`;
const busy = [{ instanceId: Q7, modelKey: Q7 }];
const presetList: PresetList = {
  presets: [{ id: 'gaming', name: 'Gaming', description: '', models: [], exclusive: true, builtIn: true }],
  activePresetId: null,
  pinned: [],
  applyingPresetId: null,
};

function renderIn(language: 'en' | 'pt-BR', ui: ReactNode, api: ReturnType<typeof createFakeApi>) {
  const store = createAppStore(api);
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>{ui}</StoreProvider>
    </I18nextProvider>,
  );
  return store;
}

describe("the busy refusal in the window's language", () => {
  it('presets window: the refusal of a switch, in pt-BR and in English', async () => {
    for (const [language, said] of [
      ['pt-BR', PORTUGUESE],
      ['en', ENGLISH],
    ] as const) {
      const api = createFakeApi();
      api.handle('presets.list', () => ({ ok: true, result: presetList }));
      api.handle('presets.apply', ({ id }) => ({
        ok: true,
        result: { presetId: id, result: 'refused', plan: [], message: ENGLISH, busy, notice: NOTICE },
      }));
      const store = renderIn(language, <ApplyStatus />, api);
      await act(async () => {
        store.useStore.getState().receivePresetList(presetList);
        await store.useStore.getState().applyPreset('gaming');
      });
      expect(screen.getByRole('alertdialog').textContent).toContain(said);
      if (language === 'pt-BR') expect(screen.getByRole('alertdialog').textContent).not.toContain('still generating');
      cleanup();
    }
  });

  it('presets window opened later: the pending refusal keeps its words', async () => {
    const api = createFakeApi();
    api.handle('presets.pendingBusy', () => ({
      ok: true,
      result: { presetId: 'gaming', busy, message: ENGLISH, notice: NOTICE },
    }));
    const store = renderIn('pt-BR', <ApplyStatus />, api);
    await act(async () => {
      await store.useStore.getState().loadPendingBusy();
    });
    expect(screen.getByRole('alertdialog').textContent).toContain(PORTUGUESE);
  });

  it('monitor: the refusal of an unload, in pt-BR', async () => {
    const api = createFakeApi();
    const loaded = [
      {
        instanceId: Q7,
        modelKey: Q7,
        contextLength: 4096,
        gpuOffload: null,
        ttlSeconds: null,
        flashAttention: null,
        offloadKvCacheToGpu: null,
        status: 'generating' as const,
        displayName: null,
        sizeBytes: null,
        pinned: false,
      },
    ];
    const state: ModelsState = { reachable: true, apiLevel: 'v1', message: null, catalog: [], loaded };
    api.handle('models.list', () => ({ ok: true, result: state }));
    api.handle('models.unload', () => ({
      ok: true,
      result: { unloaded: [], result: 'refused', busy, message: ENGLISH, notice: NOTICE },
    }));
    const store = renderIn('pt-BR', <LoadedModelsCard />, api);
    act(() => store.useStore.getState().receiveModels(state));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: `Descarregar ${Q7}` }));
    });
    expect(screen.getByRole('alertdialog').textContent).toContain(PORTUGUESE);
  });
});
