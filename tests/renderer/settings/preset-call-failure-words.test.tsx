// @vitest-environment jsdom
/**
 * A failed save, memory-fit check or import in the presets window is said in the window's language, with the
 * error's own words as the detail; an import's skipped entries are worded from their coded reason. Before, the
 * core's English was shown raw after "Could not save:", "Memory fit unknown:" and "Could not import presets:".
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { PresetEditor } from '../../../renderer/src/settings/preset-editor';
import { PresetList } from '../../../renderer/src/settings/preset-list';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { PresetList as PresetListValue } from '../../../shared/contract/presets';
import { builtInPresets } from '../../../shared/presets/builtins';
import { createFakeApi, type FakeApi } from '../../support/fake-api';

afterEach(cleanup);

/** The dry run answers after the editor's debounce: wait generously (busy machines), never on a clock. */
const SLOW = { timeout: 15_000 };
const dual = builtInPresets().find((p) => p.id === 'dual-7b')!;
const empty: PresetListValue = { presets: [], activePresetId: null, pinned: [], applyingPresetId: null };
const failed = (message: string) => ({ ok: false as const, error: { code: 'failed' as const, message } });

function mount(api: FakeApi, language: 'en' | 'pt-BR', ui: 'editor' | 'list') {
  const store = createAppStore(api);
  store.useStore.getState().receivePresetList(empty);
  const { container } = render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>
        {ui === 'editor' ? (
          <PresetEditor preset={dual} isNew={false} onSaved={() => {}} onDeleted={() => {}} />
        ) : (
          <PresetList selectedId={null} onSelect={() => {}} onNew={() => {}} />
        )}
      </StoreProvider>
    </I18nextProvider>,
  );
  return container;
}

describe('a failed presets call in the editor', () => {
  it('says in pt-BR that the preset was not saved and the edits are kept, with the error as the detail', async () => {
    const api = createFakeApi();
    api.handle('presets.plan', () => failed('LM Studio is not running'));
    api.handle('presets.save', () => failed('EACCES: permission denied'));
    mount(api, 'pt-BR', 'editor');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Salvar' })));
    expect(
      screen.getByText(
        'O preset não foi salvo; suas edições continuam aqui. Corrija o que o detalhe aponta e tente de novo. ' +
          'Detalhe: EACCES: permission denied',
      ),
    ).toBeTruthy();
  });

  it('says the memory fit is unknown in the window language when the check fails', async () => {
    const api = createFakeApi();
    api.handle('presets.plan', () => failed('LM Studio is not running'));
    mount(api, 'pt-BR', 'editor');
    expect(
      await screen.findByText(
        'Não foi possível estimar a memória: a verificação não respondeu. Ela roda de novo na próxima edição. ' +
          'Detalhe: LM Studio is not running',
        undefined,
        SLOW,
      ),
    ).toBeTruthy();
    cleanup();
    mount(api, 'en', 'editor');
    expect(
      await screen.findByText(
        'Memory fit unknown: the check did not answer. It runs again on your next edit. Detail: LM Studio is not running',
        undefined,
        SLOW,
      ),
    ).toBeTruthy();
  });
});

describe('a failed or partial import in the presets list', () => {
  const choose = async (container: HTMLElement) => {
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File(['[]'], 'dev.json')] } });
    });
  };

  it('says in pt-BR that nothing was imported when the call fails', async () => {
    const api = createFakeApi();
    api.handle('presets.list', () => ({ ok: true, result: empty }));
    api.handle('presets.import', () => failed('disk full'));
    await choose(mount(api, 'pt-BR', 'list'));
    expect(
      screen.getByText(
        'Nenhum preset foi importado; nada mudou. Confira o arquivo e tente de novo. Detalhe: disk full',
      ),
    ).toBeTruthy();
  });

  it('words each skipped entry in pt-BR from its coded reason, not the English one', async () => {
    const api = createFakeApi();
    api.handle('presets.list', () => ({ ok: true, result: empty }));
    api.handle('presets.import', () => ({
      ok: true,
      result: {
        imported: [],
        skipped: [
          { id: 'dev', reason: 'a preset "dev" already exists', problem: { kind: 'exists' } },
          {
            id: 'coder',
            reason: 'presets[1].exclusive: Invalid input: expected boolean, received string',
            problem: { kind: 'invalid', fields: ['presets[1].exclusive'] },
          },
        ],
      },
    }));
    await choose(mount(api, 'pt-BR', 'list'));
    expect(
      screen.getByText(
        '0 presets importados. · dev: não importado, já existe um preset com este id. Exclua ou renomeie aquele antes. · ' +
          'coder: não importado, estes campos estão errados: presets[1].exclusive.',
      ),
    ).toBeTruthy();
  });
});
