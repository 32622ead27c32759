// @vitest-environment jsdom
/** The monitor's GPU status banner: "waiting for the NVIDIA driver" (en, pt-BR) while the driver restarts, the reason otherwise. */
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { GpuStatusBanner } from '../../../renderer/src/monitor/gpu-status-banner';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { UiLanguage } from '../../../shared/i18n/languages';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const DRIVER_DOWN =
  "No GPU data. nvidia-smi: exit code 9: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.";
const base: HardwareSample = {
  timestamp: '2026-11-26T02:56:23.000Z',
  cpu: { loadPercent: 3, perCore: [3] },
  memory: { totalBytes: 100, usedBytes: 60, availableBytes: 40 },
  gpus: [],
  gpuSource: 'none',
  gpuUnavailableReason: DRIVER_DOWN,
};
const waiting: HardwareSample = {
  ...base,
  gpuDriverWait: { since: '2026-11-26T02:56:10.000Z', nextProbeAt: '2026-11-26T02:56:36.500Z' },
};

function setup(language: UiLanguage, sample: HardwareSample) {
  const store = createAppStore(createFakeApi());
  store.useStore.getState().receiveSample(sample);
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>
        <GpuStatusBanner />
      </StoreProvider>
    </I18nextProvider>,
  );
  return store;
}

describe('GpuStatusBanner', () => {
  it("says it waits for the NVIDIA driver and when it checks again, keeping the driver's words on hover", () => {
    setup('en', waiting);
    const banner = screen.getByTestId('gpu-driver-wait');
    expect(banner.textContent).toContain('Waiting for the NVIDIA driver');
    expect(banner.textContent).toContain('next check in 14 s');
    expect(banner.textContent).toContain('resume by themselves');
    expect(banner.getAttribute('title')).toBe(DRIVER_DOWN);
  });

  it('says it in Portuguese', () => {
    setup('pt-BR', waiting);
    expect(screen.getByTestId('gpu-driver-wait').textContent).toContain('Aguardando o driver da NVIDIA');
    expect(screen.getByTestId('gpu-driver-wait').textContent).toContain('próxima verificação em 14 s');
  });

  it('shows the plain reason when no driver is installed, and nothing once readings resume', async () => {
    const store = setup('en', { ...base, gpuUnavailableReason: 'No GPU data. nvidia-smi was not found.' });
    expect(screen.queryByTestId('gpu-driver-wait')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('No GPU data: No GPU data. nvidia-smi was not found.');
    await act(async () =>
      store.useStore.getState().receiveSample({ ...base, gpuUnavailableReason: null, gpuSource: 'nvidia-smi' }),
    );
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('words a missing NVIDIA driver in Portuguese, keeping the system words', () => {
    const nvml = 'NVML unavailable: libnvidia-ml.so.1: cannot open shared object file.';
    const smi = 'nvidia-smi was not found (looked in: PATH).';
    setup('pt-BR', {
      ...base,
      gpuUnavailableReason: `No NVIDIA driver was found. ${nvml} nvidia-smi: ${smi}`,
      gpuUnavailable: { kind: 'no-driver', nvml, smi },
    });
    const text = screen.getByRole('status').textContent ?? '';
    expect(text).toMatch(/^Sem dados da GPU: Nenhum driver NVIDIA foi encontrado\. /);
    expect(text).toContain(smi);
    expect(text).toContain('CPU e RAM continuam monitoradas.');
    expect(text).not.toContain('No NVIDIA driver');
  });

  it("words NVML's own reasons in Portuguese: a driver that does not answer, one that was reset", () => {
    setup('pt-BR', {
      ...base,
      gpuSource: 'nvml',
      gpuUnavailableReason: 'The NVIDIA driver has not answered NVML for 0.5 s; GPU values resume when it does.',
      gpuUnavailable: { kind: 'nvml-overdue', seconds: 0.5 },
    });
    expect(screen.getByRole('status').textContent).toBe(
      'Sem dados da GPU: O driver NVIDIA não responde à NVML há 0,5 s; os valores da GPU voltam quando ele responder.',
    );
    cleanup();
    setup('pt-BR', {
      ...waiting,
      gpuUnavailableReason: 'NVML stopped answering (error 15 (GPU is lost)): the NVIDIA driver was reset or unloaded.',
      gpuUnavailable: { kind: 'nvml-lost', detail: 'error 15 (GPU is lost)' },
    });
    expect(screen.getByTestId('gpu-driver-wait').getAttribute('title')).toBe(
      'A NVML parou de responder (error 15 (GPU is lost)): o driver NVIDIA foi reiniciado ou descarregado.',
    );
  });

  it('words the driver wait hover in Portuguese when the reason is a known one', () => {
    setup('pt-BR', { ...waiting, gpuUnavailable: { kind: 'smi-silent', seconds: 3 } });
    expect(screen.getByTestId('gpu-driver-wait').getAttribute('title')).toBe(
      'O nvidia-smi não dá notícias há mais de 3 s.',
    );
  });
});
