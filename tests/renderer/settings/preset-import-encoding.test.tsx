// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { PresetList } from '../../../renderer/src/settings/preset-list';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { PresetList as PresetListValue } from '../../../shared/contract/presets';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const empty: PresetListValue = { presets: [], activePresetId: null, pinned: [], applyingPresetId: null };
const json = '[{ "id": "código", "name": "Código 33B", "models": [] }]\n';

function setup(language: 'en' | 'pt-BR') {
  const api = createFakeApi();
  api.handle('presets.list', () => ({ ok: true, result: empty }));
  api.handle('presets.import', () => ({ ok: true, result: { imported: [{ id: 'código' }], skipped: [] } }) as never);
  const store = createAppStore(api);
  store.useStore.getState().receivePresetList(empty);
  const { container } = render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>
        <PresetList selectedId={null} onSelect={() => {}} onNew={() => {}} />
      </StoreProvider>
    </I18nextProvider>,
  );
  const input = container.querySelector('input[type="file"]') as HTMLInputElement;
  const choose = async (bytes: Buffer) => {
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File([new Uint8Array(bytes)], 'dev.json')] } });
    });
  };
  return { api, choose };
}

describe('importing a presets file in the settings window', () => {
  it('reads a file Windows PowerShell 5.1 saved (UTF-16LE with a BOM) as the text it holds', async () => {
    const { api, choose } = setup('en');
    await choose(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]));
    expect(api.calls.find((c) => c.method === 'presets.import')?.input).toEqual({ json, replace: false });
  });

  it('says in the window language that the file is not text, and sends nothing', async () => {
    const { api, choose } = setup('pt-BR');
    await choose(Buffer.from('[{"name":"C\xf3digo"}]', 'latin1'));
    expect(api.calls.some((c) => c.method === 'presets.import')).toBe(false);
    expect(
      screen.getByText(/o arquivo não é texto UTF-8 nem UTF-16\. Salve-o como UTF-8 e importe de novo/),
    ).toBeTruthy();
  });
});
