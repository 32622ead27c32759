/**
 * The NVML path through koffi against a stub libnvidia-ml compiled from tests/fakes/nvml/nvml-stub.c,
 * which serves the real H200 readings of nvml-50ms.csv (energy counter included) and real error codes.
 */
import fs from 'node:fs';
import path from 'node:path';
import koffi from 'koffi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HardwareSampleSchema, type HardwareSample } from '../../../shared/hardware/sample';
import { createHardwareMonitor } from '../../../electron/core/hardware/hardware-monitor';
import { readGpuInventory } from '../../../electron/core/hardware/inventory';
import { NvmlUnavailableError, openNvmlReader } from '../../../electron/core/hardware/nvml/nvml-reader';
import { openGpuReader } from '../../../electron/core/hardware/open-gpu-reader';
import { buildNvmlStub, hasCompiler, readNvmlRows } from '../../fakes/nvml/build-nvml-stub';
import { FAKE_SMI } from '../../support/fake-smi';

const compiler = hasCompiler();
if (!compiler)
  console.warn(
    'SKIPPED: the NVML-through-koffi tests need a C compiler (`cc`) to build the stub library; install gcc or clang to run them.',
  );

const rows = readNvmlRows();
const MIB = 1024 * 1024;

describe.skipIf(!compiler)('NVML through koffi against the stub library', () => {
  let lib: string;
  let setRow: (n: number) => void;

  beforeAll(() => {
    lib = buildNvmlStub();
    setRow = koffi.load(lib).func('void nvmlStubSetRow(int n)') as (n: number) => void;
  });
  afterAll(() => {
    if (lib) fs.rmSync(path.dirname(lib), { recursive: true, force: true });
  });

  it('reads every field of the H200 from the CSV row, and null for each NVML error', async () => {
    const reader = await openNvmlReader([lib], 'linux', () => Date.parse('2026-11-26T02:56:23.579Z'));
    try {
      setRow(40);
      const r = rows[40]!;
      const reading = reader.read();
      expect(reading.gpus).toHaveLength(2);
      expect(reading.gpus[0]).toEqual({
        index: 0,
        name: 'NVIDIA H200',
        uuid: 'GPU-77396041-f2f3-df73-cd5b-873de9c35c72',
        utilizationPercent: r.utilGpu,
        memoryUtilizationPercent: 0,
        memoryUsedBytes: r.memUsedB,
        memoryTotalBytes: 143771 * MIB,
        temperatureC: 38,
        powerW: r.powerMw / 1000,
        powerLimitW: 700,
        energyCounterMJ: r.energyMj,
        clockSmMHz: 1980,
        clockMemMHz: 3201,
        fanPercent: null, // NVML_ERROR_NOT_SUPPORTED: passive card
        pstate: 'P0',
        sampledAt: '2026-11-26T02:56:23.579Z',
      });
      // Device 1 fails with GPU_IS_LOST, NO_PERMISSION, NOT_SUPPORTED, UNKNOWN: null each, never 0 or NaN.
      expect(reading.gpus[1]).toMatchObject({
        index: 1,
        uuid: null,
        utilizationPercent: null,
        temperatureC: null,
        powerW: null,
        powerLimitW: null,
        energyCounterMJ: null,
        clockSmMHz: null,
        fanPercent: null,
        pstate: null,
      });
      expect(reading.processes).toEqual([
        { pid: 811, name: 'python3', gpuUuid: 'GPU-77396041-f2f3-df73-cd5b-873de9c35c72', usedMemoryBytes: 6854 * MIB },
      ]);
      expect(reading.processesUnavailableReason).toBeNull();
      expect(await reader.inventory()).toEqual([
        {
          index: 0,
          name: 'NVIDIA H200',
          uuid: 'GPU-77396041-f2f3-df73-cd5b-873de9c35c72',
          driverVersion: '580.159.04',
          computeCapability: '9.0',
          memoryTotalBytes: 143771 * MIB,
          memoryBusWidthBits: 6144,
          maxMemoryClockMHz: 3201,
          powerLimitW: 700,
        },
        {
          index: 1,
          name: 'Stub GPU with failing sensors',
          uuid: null,
          driverVersion: '580.159.04',
          computeCapability: null,
          memoryTotalBytes: 143771 * MIB,
          memoryBusWidthBits: null,
          maxMemoryClockMHz: null,
          powerLimitW: null,
        },
      ]);
    } finally {
      await reader.close();
    }
  });

  it('stops asking for a sensor the driver said it does not support', async () => {
    const fanCalls = koffi.load(lib).func('unsigned int nvmlStubFanCalls(void)') as () => number;
    const reader = await openNvmlReader([lib], 'linux');
    try {
      const before = fanCalls();
      for (let i = 0; i < 5; i++) expect(reader.read().gpus[0]?.fanPercent).toBeNull();
      // Once per device (two stub GPUs), then never again: NOT_SUPPORTED does not change while running.
      expect(fanCalls() - before).toBe(2);
    } finally {
      await reader.close();
    }
  });

  it('an nvmlInit failure names the code, and the source falls back to nvidia-smi with that reason', async () => {
    process.env.NVML_STUB_INIT_ERROR = '9';
    try {
      await expect(openNvmlReader([lib], 'linux')).rejects.toThrow(NvmlUnavailableError);
      await expect(openNvmlReader([lib], 'linux')).rejects.toThrow(
        /nvmlInit failed with error 9 \(Driver Not Loaded\)/,
      );
      const choice = await openGpuReader({
        env: { ...process.env, LOADOUT_NVML: lib, LOADOUT_NVIDIA_SMI: FAKE_SMI },
        intervalMs: 200,
      });
      try {
        expect(choice.reader?.source).toBe('nvidia-smi');
        expect(choice.fallbackReason).toContain('Driver Not Loaded');
      } finally {
        await choice.reader?.close();
      }
    } finally {
      delete process.env.NVML_STUB_INIT_ERROR;
    }
    await expect(openNvmlReader([path.join(path.dirname(lib), 'missing.so')], 'linux')).rejects.toThrow(
      /could not be loaded/,
    );
  });

  it('reads a process name as long as a Windows long path', async () => {
    const longPath = `C:\\Users\\ana\\${'modelos-locais\\'.repeat(40)}llama-server.exe`;
    expect(longPath.length).toBeGreaterThan(600);
    process.env.NVML_STUB_PROCESS_NAME = longPath;
    const reader = await openNvmlReader([lib], 'win32');
    try {
      expect(reader.read().processes?.[0]?.name).toBe(longPath);
    } finally {
      delete process.env.NVML_STUB_PROCESS_NAME;
      await reader.close();
    }
  });

  it('under Windows WDDM the processes are listed without memory, and say why', async () => {
    process.env.NVML_STUB_WDDM = '1';
    const reader = await openNvmlReader([lib], 'win32');
    try {
      const reading = reader.read();
      expect(reading.processes).toEqual([
        { pid: 811, name: 'python3', gpuUuid: 'GPU-77396041-f2f3-df73-cd5b-873de9c35c72', usedMemoryBytes: null },
      ]);
      expect(reading.processesUnavailableReason).toContain('Windows WDDM');
    } finally {
      delete process.env.NVML_STUB_WDDM;
      await reader.close();
    }
  });

  it('the monitor samples through NVML: power follows the capture row by row, the counter on its own period', async () => {
    setRow(0);
    const monitor = createHardwareMonitor({ intervalMs: 100, env: { ...process.env, LOADOUT_NVML: lib } });
    const samples: HardwareSample[] = [];
    await new Promise<void>((resolve) => {
      monitor.subscribe((s) => {
        samples.push(s);
        setRow(samples.length * 20); // the next sample reads one second (20 × 50 ms) later in the capture
        if (samples.length === 5) resolve();
      });
      monitor.start();
    });
    await monitor.stop();
    for (const s of samples) expect(HardwareSampleSchema.parse(s).gpuSource).toBe('nvml');
    // The counter is read on the first sample, then every ENERGY_COUNTER_PERIOD_MS (far longer than these
    // 0.4 s): the samples between say so, the energy ledger splits the next read's delta over them.
    expect(samples.map((s) => s.gpus[0]!.energyCounterMJ)).toEqual([rows[0]!.energyMj, null, null, null, null]);
    expect(samples.map((s) => s.gpus[0]!.energyCounterNotRead)).toEqual([undefined, true, true, true, true]);
    expect(samples.map((s) => s.gpus[0]!.powerW)).toEqual([0, 20, 40, 60, 80].map((i) => rows[i]!.powerMw / 1000));
    const gpuInventory = await readGpuInventory({ ...process.env, LOADOUT_NVML: lib });
    expect(gpuInventory.gpus[0]?.memoryBusWidthBits).toBe(6144);
  });
});
