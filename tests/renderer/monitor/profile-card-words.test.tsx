// @vitest-environment jsdom
/** The machine profile card words why no GPU is listed, and why the profile could not be read, in the window's language. */
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { ProfileCard } from '../../../renderer/src/monitor/profile-card';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { CapacityTable } from '../../../shared/contract/hardware';
import type { MachineInventory } from '../../../shared/hardware/inventory';
import type { UiLanguage } from '../../../shared/i18n/languages';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const nvml = 'NVML unavailable: libnvidia-ml.so.1 could not be loaded.';
const smi = 'nvidia-smi was not found (looked in: PATH).';
const inventory: MachineInventory = {
  cpu: {
    brand: 'AMD Ryzen 7 9800X3D',
    manufacturer: 'AMD',
    physicalCores: 8,
    logicalCores: 16,
    speedMaxGHz: 5.2,
    l3CacheBytes: null,
  },
  memory: { totalBytes: 96 * 1024 ** 3, type: 'DDR5', speedMTs: 5200, modules: 2, channels: 2 },
  os: { platform: 'linux', distro: null, release: null, arch: 'x64' },
  gpus: [],
  gpuUnavailableReason: `No NVIDIA GPU found. ${nvml} nvidia-smi: ${smi}`,
  gpuUnavailable: { kind: 'none-found', nvml, smi },
};
const capacity: CapacityTable = {
  inventory,
  contextTokens: 4096,
  gpu: null,
  ram: { usableBytes: 80 * 1024 ** 3, bandwidth: null },
  rows: [],
  markdown: '',
};

async function show(language: UiLanguage, answer: Parameters<ReturnType<typeof createFakeApi>['handle']>[1]) {
  const api = createFakeApi();
  api.handle('profile.capacity', answer);
  const store = createAppStore(api);
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>
        <ProfileCard />
      </StoreProvider>
    </I18nextProvider>,
  );
  await act(async () => store.useStore.getState().loadCapacity());
}

describe('ProfileCard', () => {
  it('says why no GPU is listed in Portuguese, keeping the system words, and in English', async () => {
    await show('pt-BR', () => ({ ok: true, result: capacity }));
    const pt = screen.getByTestId('profile-no-gpu').textContent ?? '';
    expect(pt).toContain(`Sem dados da GPU: Nenhuma GPU NVIDIA foi encontrada. ${nvml} nvidia-smi: ${smi}`);
    expect(pt).not.toContain('No NVIDIA GPU found');
    cleanup();
    await show('en', () => ({ ok: true, result: capacity }));
    expect(screen.getByTestId('profile-no-gpu').textContent).toContain(`No GPU data: No NVIDIA GPU found. ${nvml}`);
  });

  it('keeps a reason with no kind in the words it came with, and shows no GPU line when GPUs are listed', async () => {
    const { gpuUnavailable: _, ...older } = inventory;
    await show('pt-BR', () => ({
      ok: true,
      result: { ...capacity, inventory: { ...older, gpuUnavailableReason: 'odd' } },
    }));
    expect(screen.getByTestId('profile-no-gpu').textContent).toContain('Sem dados da GPU: odd');
    cleanup();
    const gpu = {
      index: 0,
      name: 'NVIDIA GeForce RTX 3090',
      uuid: null,
      driverVersion: '580.95',
      computeCapability: '8.6',
      memoryTotalBytes: 24 * 1024 ** 3,
      memoryBusWidthBits: null,
      maxMemoryClockMHz: null,
      powerLimitW: null,
    };
    await show('pt-BR', () => ({
      ok: true,
      result: {
        ...capacity,
        inventory: { ...inventory, gpus: [gpu], gpuUnavailableReason: null, gpuUnavailable: null },
      },
    }));
    expect(screen.queryByTestId('profile-no-gpu')).toBeNull();
  });

  it('words a profile that could not be read, with the error kept as detail', async () => {
    const detail = 'profile.capacity is not available: the hardware monitor is not running in this Loadout process.';
    await show('pt-BR', () => ({ ok: false, error: { code: 'unavailable', message: detail } }));
    const text = screen.getByText(/Detalhe/).textContent;
    expect(text).toContain(`Não foi possível ler o perfil da máquina.`);
    expect(text).toContain(`Detalhe: ${detail}`);
  });
});
