/** The machine inventory from the H200 machine's recorded systeminformation answers and the fake nvidia-smi. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MachineInventorySchema } from '../../../shared/hardware/inventory';
import { type InventorySystemInfo, collectMachineInventory } from '../../../electron/core/hardware/inventory';
import { CAPTURES } from '../../support/fixture-files';
import { FAKE_SMI } from '../../support/fake-smi';

const probe = JSON.parse(fs.readFileSync(path.join(CAPTURES, 'si-probe.json'), 'utf8')) as Record<
  string,
  { value: unknown }
>;
const recorded = {
  cpu: async () => probe.cpu!.value,
  osInfo: async () => probe.osInfo!.value,
  mem: async () => probe.mem!.value,
  memLayout: async () => probe.memLayout!.value,
} as unknown as InventorySystemInfo;

describe('collectMachineInventory', () => {
  it('builds the H200 machine inventory from si (recorded) and one nvidia-smi query, never si.graphics()', async () => {
    const inventory = await collectMachineInventory({
      env: { ...process.env, LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: FAKE_SMI },
      platform: 'linux',
      systemInfo: recorded,
    });
    expect(MachineInventorySchema.parse(inventory)).toBeTruthy();
    expect(inventory.cpu).toMatchObject({
      brand: 'Intel Xeon® Processor',
      manufacturer: 'Intel',
      physicalCores: 16,
      logicalCores: 16,
      speedMaxGHz: null,
      l3CacheBytes: 314572800,
    });
    // The VM reports one 126-GiB "module" with no type or speed: unknown stays null, never 0.
    expect(inventory.memory).toEqual({ totalBytes: 135148564480, type: null, speedMTs: null, modules: 1, channels: 1 });
    expect(inventory.os).toEqual({ platform: 'linux', distro: 'Ubuntu', release: '24.04.3 LTS', arch: 'x64' });
    expect(inventory.gpus).toEqual([
      {
        index: 0,
        name: 'NVIDIA H200',
        uuid: 'GPU-77396041-f2f3-df73-cd5b-873de9c35c72',
        driverVersion: '580.159.04',
        computeCapability: '9.0',
        memoryTotalBytes: 143771 * 1024 * 1024,
        memoryBusWidthBits: null,
        maxMemoryClockMHz: null,
        powerLimitW: 700,
      },
    ]);
    expect(inventory.gpuUnavailableReason).toBeNull();
  });

  it('without a driver: no GPUs, the reason, and the rest of the inventory intact; failing si calls become null', async () => {
    const failing = {
      ...recorded,
      cpu: async () => Promise.reject(new Error('PowerShell timed out')),
    } as unknown as InventorySystemInfo;
    const inventory = await collectMachineInventory({
      env: { ...process.env, LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: FAKE_SMI, FAKE_NVSMI_SCENARIO: 'no-driver' },
      platform: 'linux',
      systemInfo: failing,
    });
    expect(inventory.gpus).toEqual([]);
    expect(inventory.gpuUnavailableReason).toMatch(
      /^No NVIDIA GPU found\. .*nvidia-smi: .*couldn't communicate with the NVIDIA driver/,
    );
    // The same reason as data, for a window or a pt-BR profile to word.
    expect(inventory.gpuUnavailable).toMatchObject({
      kind: 'none-found',
      smi: expect.stringContaining("couldn't communicate with the NVIDIA driver"),
    });
    expect(inventory.cpu.brand).toBeNull();
    expect(inventory.memory.totalBytes).toBe(135148564480);
  });

  it("through the monitor's open source: none listed, or a listing that failed, as data and in English", async () => {
    const none = await collectMachineInventory({
      env: {},
      platform: 'linux',
      systemInfo: recorded,
      readGpus: async () => [],
    });
    expect(none.gpuUnavailable).toEqual({ kind: 'none-listed' });
    expect(none.gpuUnavailableReason).toBe('No NVIDIA GPU found.');
    const failed = await collectMachineInventory({
      env: {},
      platform: 'linux',
      systemInfo: recorded,
      readGpus: async () => Promise.reject(new Error('the worker stopped')),
    });
    expect(failed.gpuUnavailable).toEqual({ kind: 'inventory-failed', detail: 'the worker stopped' });
    expect(failed.gpuUnavailableReason).toBe('The GPUs could not be listed: the worker stopped');
  });
});
