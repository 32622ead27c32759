import { describe, expect, it } from 'vitest';
import type { GpuInfo, MachineInventory } from '../../../shared/hardware/inventory';
import { knownGpuBandwidth } from '../../../shared/profile/known-gpu-bandwidth';
import { gpuMemoryBandwidth, systemMemoryBandwidth } from '../../../shared/profile/memory-bandwidth';

const GiB = 1024 ** 3;
function gpu(partial: Partial<GpuInfo>): GpuInfo {
  return {
    index: 0,
    name: 'NVIDIA GeForce RTX 3090',
    uuid: null,
    driverVersion: null,
    computeCapability: null,
    memoryTotalBytes: 24 * GiB,
    memoryBusWidthBits: null,
    maxMemoryClockMHz: null,
    powerLimitW: null,
    ...partial,
  };
}
const ram = (partial: Partial<MachineInventory['memory']>): MachineInventory['memory'] => ({
  totalBytes: 96 * GiB,
  type: 'DDR5',
  speedMTs: 5200,
  modules: 2,
  channels: 2,
  ...partial,
});

describe('GPU memory bandwidth', () => {
  it('computes it from the bus width and max memory clock: RTX 3090 ≈ 936 GB/s', () => {
    const b = gpuMemoryBandwidth(gpu({ memoryBusWidthBits: 384, maxMemoryClockMHz: 9751 }));
    expect(b.source).toBe('bus-width');
    expect(b.bytesPerSecond! / 1e9).toBeCloseTo(936.1, 1);
  });

  it('H200 (6144-bit, 3201 MHz, as in the real nvidia-smi capture) ≈ 4.9 TB/s', () => {
    const b = gpuMemoryBandwidth(
      gpu({
        name: 'NVIDIA H200',
        memoryTotalBytes: 143771 * 1024 ** 2,
        memoryBusWidthBits: 6144,
        maxMemoryClockMHz: 3201,
      }),
    );
    expect(b.bytesPerSecond! / 1e12).toBeCloseTo(4.92, 2);
  });

  it('falls back to the known table by name, telling variants apart by memory', () => {
    expect(gpuMemoryBandwidth(gpu({})).bytesPerSecond).toBe(936e9);
    expect(gpuMemoryBandwidth(gpu({})).source).toBe('known-gpu');
    expect(knownGpuBandwidth('NVIDIA GeForce RTX 3090 Ti', 24 * GiB)).toBe(1008e9);
    expect(knownGpuBandwidth('NVIDIA GeForce RTX 3080', 10 * GiB)).toBe(760e9);
    expect(knownGpuBandwidth('NVIDIA GeForce RTX 3080', 12 * GiB)).toBe(912e9);
    expect(knownGpuBandwidth('NVIDIA A100-SXM4-80GB', 80 * GiB)).toBe(1935e9);
    expect(knownGpuBandwidth('NVIDIA A100-PCIE-40GB', 40 * GiB)).toBe(1555e9);
    expect(knownGpuBandwidth('NVIDIA H100 PCIe', 80 * GiB)).toBe(2000e9);
    expect(knownGpuBandwidth('NVIDIA H100 80GB HBM3', 80 * GiB)).toBe(3350e9);
    expect(knownGpuBandwidth('NVIDIA H200', null)).toBe(4800e9);
    expect(knownGpuBandwidth('NVIDIA GeForce RTX 4060 Ti', 16 * GiB)).toBe(288e9);
  });

  it('says unknown for a GPU it cannot tell', () => {
    const b = gpuMemoryBandwidth(gpu({ name: 'NVIDIA Mystery 9000' }));
    expect(b).toMatchObject({ bytesPerSecond: null, source: 'unknown' });
    expect(b.detail).toMatch(/bus width/);
  });
});

describe('system RAM bandwidth', () => {
  it('DDR5-5200 dual channel ≈ 83 GB/s', () => {
    const b = systemMemoryBandwidth(ram({}));
    expect(b.bytesPerSecond).toBe(83.2e9);
    expect(b.detail).toBe('5200 MT/s × 8 B × 2 channels');
  });

  it('scales with channels and assumes two, saying so, when the count is unknown', () => {
    expect(systemMemoryBandwidth(ram({ channels: 4, speedMTs: 4800 })).bytesPerSecond).toBe(153.6e9);
    const assumed = systemMemoryBandwidth(ram({ channels: null }));
    expect(assumed.bytesPerSecond).toBe(83.2e9);
    expect(assumed.detail).toMatch(/assumed 2/);
  });

  it('is unknown without a speed', () => {
    expect(systemMemoryBandwidth(ram({ speedMTs: null }))).toMatchObject({ bytesPerSecond: null, source: 'unknown' });
    expect(systemMemoryBandwidth(ram({ speedMTs: 0 })).bytesPerSecond).toBeNull();
  });
});
