// @vitest-environment jsdom
/** The preset editor reads a selector as the model it loads here, and its fit box never contradicts itself. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { PresetEditor } from '../../../renderer/src/settings/preset-editor';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { PresetPlanResult } from '../../../shared/contract/presets';
import { builtInPresets } from '../../../shared/presets/builtins';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

/** The dry run answers after the editor's debounce: wait generously (busy machines), never on a clock. */
const SLOW = { timeout: 15_000 };

const GiB = 1024 ** 3;
const dual = builtInPresets().find((p) => p.id === 'dual-7b')!;
const [general, coder] = dual.models.map((m) => m.key) as [string, string];

/** The dry run of Dual 7B on a machine with only Qwen2.5 7B, needing a hair more VRAM than is free. */
const PLAN: PresetPlanResult = {
  presetId: 'dual-7b',
  plan: [{ action: 'load', key: 'qwen2.5-7b-instruct', instanceId: null, estimatedBytes: 6e9, placement: 'gpu' }],
  fit: {
    fits: false,
    vramNeededBytes: 23.52 * GiB,
    vramFreeBytes: 23.48 * GiB,
    ramNeededBytes: 0,
    ramFreeBytes: 70 * GiB,
    message: 'Does not fit. qwen2.5-7b-instruct needs more VRAM than is free.',
    notice: {
      mode: 'gpu',
      gpuUnavailableReason: null,
      gpuBytes: 0,
      ramBytes: 0,
      problems: [
        {
          key: 'qwen2.5-7b-instruct',
          short: 'vram',
          neededBytes: 23.52 * GiB,
          availableBytes: 23.48 * GiB,
          splitGpuBytes: null,
          suggestions: [{ kind: 'context', tokens: 2048, bytes: 23 * GiB }],
        },
      ],
    },
  },
  unresolved: [{ key: coder, message: 'not downloaded' }],
  models: [
    {
      requested: general,
      key: 'qwen2.5-7b-instruct',
      displayName: 'Qwen2.5 7B Instruct',
      quantization: 'Q4_K_M',
      paramsString: '7B',
      sizeBytes: 4_683_073_856,
      message: null,
      substitute: false,
    },
    {
      requested: coder,
      key: null,
      displayName: null,
      quantization: null,
      paramsString: null,
      sizeBytes: null,
      message: 'not downloaded',
      substitute: false,
    },
  ],
};

/** The same machine, the coder slot filled by its `*` fallback (a second Qwen2.5 7B): no 7B coder is downloaded. */
const STAND_IN: PresetPlanResult = {
  ...PLAN,
  unresolved: [],
  models: [
    PLAN.models[0]!,
    {
      ...PLAN.models[0]!,
      requested: coder,
      substitute: true,
      message:
        'stand-in for a ~7B qwen2.5-coder, deepseek-coder or codellama model, none downloaded: using Qwen2.5 7B Instruct',
    },
  ],
};

function setup(lang: 'en' | 'pt-BR' = 'en', plan: PresetPlanResult = PLAN) {
  const api = createFakeApi();
  api.handle('presets.plan', () => ({ ok: true, result: plan }));
  const store = createAppStore(api);
  render(
    <I18nextProvider i18n={createI18n(lang)}>
      <StoreProvider store={store}>
        <PresetEditor preset={dual} isNew={false} onSaved={() => {}} onDeleted={() => {}} />
      </StoreProvider>
    </I18nextProvider>,
  );
}

describe('preset editor: selectors read as models', () => {
  it('shows the model a selector loads, with quantization and size, not the selector', async () => {
    setup();
    expect(await screen.findByText('Qwen2.5 7B Instruct', undefined, SLOW)).toBeTruthy();
    expect(screen.getByText('7B · Q4_K_M · 4.4 GiB')).toBeTruthy();
    expect(screen.queryByText(general)).toBeNull();
  });

  it('says which model is not downloaded and what to get', async () => {
    setup();
    expect(await screen.findByText('Not downloaded', undefined, SLOW)).toBeTruthy();
    expect(
      screen.getByText(
        'Get a ~7B model (qwen2.5-coder, deepseek-coder, codellama), Q4_K_M or smaller in LM Studio, or remove this row and add a model you have.',
      ),
    ).toBeTruthy();
  });

  it('keeps the raw selector one click away', async () => {
    setup();
    await screen.findByText('Qwen2.5 7B Instruct', undefined, SLOW);
    fireEvent.click(screen.getByRole('button', { name: 'Show selectors' }));
    expect(screen.getByText(general)).toBeTruthy();
    expect(screen.getByText(coder)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Hide selectors' }));
    expect(screen.queryByText(general)).toBeNull();
  });
});

describe('preset editor: the fit box', () => {
  it('rounds so the need shows larger than the free memory, with the margin', async () => {
    setup();
    expect(
      await screen.findByText(
        'Does not fit on the GPU: needs about 23.6 GiB, 23.4 GiB free (0.2 GiB short).',
        { exact: false },
        SLOW,
      ),
    ).toBeTruthy();
  });

  it('says it in Brazilian Portuguese', async () => {
    setup('pt-BR');
    expect(
      await screen.findByText(
        'Não cabe na GPU: precisa de cerca de 23,6 GiB, 23,4 GiB livres (faltam 0,2 GiB).',
        { exact: false },
        SLOW,
      ),
    ).toBeTruthy();
    expect(screen.getByText('Não baixado')).toBeTruthy();
    // The advice under the headline is worded here from the core's notice, not the core's English sentence.
    expect(
      screen.getByText(
        'Não cabe. qwen2.5-7b-instruct precisa de ~23,6 GiB de VRAM e ~23,4 GiB estariam livres (faltam 0,2 GiB). O que caberia: um contexto menor: 2048 tokens, ~23,0 GiB.',
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/needs more VRAM/)).toBeNull();
  });
});

describe('preset editor: a slot filled by a stand-in', () => {
  it('says none of the named families is downloaded, only on that row', async () => {
    setup('en', STAND_IN);
    expect(
      await screen.findByText(
        'Stand-in: no qwen2.5-coder, deepseek-coder, codellama model of ~7B is downloaded. Get one in LM Studio to use it here.',
        undefined,
        SLOW,
      ),
    ).toBeTruthy();
    expect(screen.getAllByTestId('substitute-note')).toHaveLength(1);
  });

  it('says it in Brazilian Portuguese', async () => {
    setup('pt-BR', STAND_IN);
    expect(
      await screen.findByText(
        'Substituto: nenhum modelo qwen2.5-coder, deepseek-coder, codellama de ~7B está baixado. Baixe um no LM Studio para usá-lo aqui.',
        undefined,
        SLOW,
      ),
    ).toBeTruthy();
  });
});
