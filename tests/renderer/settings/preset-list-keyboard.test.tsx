// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { PresetList } from '../../../renderer/src/settings/preset-list';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { PresetList as PresetListValue } from '../../../shared/contract/presets';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const list = (ids: string[], applied?: string): PresetListValue => ({
  presets: ids.map((id) => ({
    id,
    name: `Preset ${id}`,
    description: '',
    models: [],
    exclusive: true,
    builtIn: false,
  })),
  activePresetId: null,
  pinned: [],
  applyingPresetId: applied ?? null,
});

function Harness() {
  const [selected, setSelected] = useState<string | null>('a');
  return <PresetList selectedId={selected} onSelect={setSelected} onNew={() => {}} />;
}

function setup() {
  const api = createFakeApi();
  api.handle('presets.reorder', ({ ids }) => ({ ok: true, result: list(ids) }));
  api.handle('presets.apply', ({ id }) => ({
    ok: true,
    result: { presetId: id, result: 'ok', plan: [], message: null },
  }));
  api.handle('presets.list', () => ({ ok: true, result: list(['a', 'b', 'c']) }));
  const store = createAppStore(api);
  store.useStore.getState().receivePresetList(list(['a', 'b', 'c']));
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <StoreProvider store={store}>
        <Harness />
      </StoreProvider>
    </I18nextProvider>,
  );
  return { api, store, listbox: screen.getByRole('listbox') };
}

const order = () => screen.getAllByRole('option').map((o) => o.id.replace('preset-', ''));

describe('the preset list from the keyboard', () => {
  it('moves the selection with the arrows and the preset with Alt+arrows', async () => {
    const { api, listbox } = setup();
    await act(async () => {
      fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    });
    expect(screen.getByRole('option', { selected: true }).id).toBe('preset-b');
    await act(async () => {
      fireEvent.keyDown(listbox, { key: 'ArrowDown', altKey: true });
    });
    expect(order()).toEqual(['a', 'c', 'b']);
    expect(api.calls.find((c) => c.method === 'presets.reorder')?.input).toEqual({ ids: ['a', 'c', 'b'] });
    expect(screen.getByRole('option', { selected: true }).id).toBe('preset-b');
  });

  it('applies the selected preset with Enter', async () => {
    const { api, listbox } = setup();
    await act(async () => {
      fireEvent.keyDown(listbox, { key: 'End' });
    });
    await act(async () => {
      fireEvent.keyDown(listbox, { key: 'Enter' });
    });
    expect(api.calls.find((c) => c.method === 'presets.apply')?.input).toEqual({ id: 'c' });
  });
});
