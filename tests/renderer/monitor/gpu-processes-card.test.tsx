// @vitest-environment jsdom
/** The monitor's GPU processes card words a known gap (not watched, WDDM) in the window's language, and keeps other reasons as given. */
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { GpuProcessesCard } from '../../../renderer/src/monitor/gpu-processes-card';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { UiLanguage } from '../../../shared/i18n/languages';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const NOT_WATCHED =
  'The GPU process list is read only while the monitor window or gaming mode uses it (it costs a nvidia-smi run).';
const base: HardwareSample = {
  timestamp: '2026-12-07T10:00:00.000Z',
  cpu: { loadPercent: 3, perCore: [3] },
  memory: { totalBytes: 100, usedBytes: 60, availableBytes: 40 },
  gpus: [],
  gpuSource: 'nvidia-smi',
  gpuUnavailableReason: null,
  gpuProcesses: null,
  gpuProcessesUnavailableReason: NOT_WATCHED,
  gpuProcessesUnavailableKind: 'not-watched',
};

function show(language: UiLanguage, sample: HardwareSample): string {
  const store = createAppStore(createFakeApi());
  store.useStore.getState().receiveSample(sample);
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>
        <GpuProcessesCard />
      </StoreProvider>
    </I18nextProvider>,
  );
  return screen.getByRole('region', { name: /GPU/ }).textContent ?? '';
}

describe('GpuProcessesCard', () => {
  it('words "read only while the monitor uses it" in Portuguese in a pt-BR window', () => {
    const text = show('pt-BR', base);
    expect(text).toContain('A lista de processos da GPU só é lida enquanto a janela do monitor');
    expect(text).not.toContain('read only while');
  });

  it('words the WDDM gap in Portuguese too', () => {
    const text = show('pt-BR', {
      ...base,
      gpuProcessesUnavailableReason: 'Windows WDDM: nvidia-smi does not report per-process GPU memory.',
      gpuProcessesUnavailableKind: 'wddm',
    });
    expect(text).toContain('o nvidia-smi não informa a memória da GPU por processo');
  });

  it("keeps a reason that is no known gap in the source's words, and says it in English in an English window", () => {
    expect(
      show('pt-BR', {
        ...base,
        gpuProcessesUnavailableReason: 'nvidia-smi could not list the GPU processes: exit 9',
        gpuProcessesUnavailableKind: null,
      }),
    ).toContain('nvidia-smi could not list the GPU processes: exit 9');
    cleanup();
    expect(show('en', base)).toContain(NOT_WATCHED);
  });

  it("words NVML's own reason in Portuguese when the list is missing for it (a driver that does not answer)", () => {
    const hung = 'The NVIDIA driver has not answered NVML for 1.5 s; GPU values resume when it does.';
    const sample: HardwareSample = {
      ...base,
      gpuSource: 'nvml',
      gpuUnavailableReason: hung,
      gpuUnavailable: { kind: 'nvml-overdue', seconds: 1.5 },
      gpuProcessesUnavailableReason: hung,
      gpuProcessesUnavailableKind: null,
    };
    const text = show('pt-BR', sample);
    expect(text).toContain('O driver NVIDIA não responde à NVML há 1,5 s');
    expect(text).not.toContain('has not answered');
    cleanup();
    expect(show('en', sample)).toContain(hung);
  });
});
