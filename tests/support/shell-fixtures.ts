/** Realistic contract values for the shell tests (an RTX 3090 machine with two models loaded). */
import type { EnergySummary, ModelsState, PresetList } from '../../shared/contract';
import type { HardwareSample } from '../../shared/hardware/sample';

export const sample3090: HardwareSample = {
  timestamp: '2026-11-26T03:05:17.345Z',
  cpu: { loadPercent: 12.5, perCore: [10.1, 14.9] },
  memory: { totalBytes: 96 * 1024 ** 3, usedBytes: 41.3 * 1024 ** 3, availableBytes: 54.7 * 1024 ** 3 },
  gpus: [
    {
      index: 0,
      name: 'NVIDIA GeForce RTX 3090',
      uuid: 'GPU-1',
      utilizationPercent: 37,
      memoryUtilizationPercent: 12,
      memoryUsedBytes: 19.6 * 1024 ** 3,
      memoryTotalBytes: 24 * 1024 ** 3,
      temperatureC: 61,
      powerW: 231.4,
      powerLimitW: 350,
      energyCounterMJ: null,
      clockSmMHz: 1695,
      clockMemMHz: 9751,
      fanPercent: null,
      pstate: 'P2',
    },
  ],
  gpuSource: 'nvml',
  gpuUnavailableReason: null,
};

export const presetList: PresetList = {
  presets: [
    {
      id: 'dev',
      name: 'Dev',
      description: '',
      models: [{ key: 'deepseek-coder-33b' }],
      exclusive: true,
      builtIn: true,
    },
    {
      id: 'multi-agent',
      name: 'Multi-agent',
      description: '',
      models: [{ key: 'llama-13b' }, { key: 'qwen-7b' }],
      exclusive: true,
      builtIn: true,
    },
    { id: 'gaming', name: 'Gaming', description: '', models: [], exclusive: true, builtIn: true },
  ],
  activePresetId: 'dev',
  pinned: [],
  applyingPresetId: null,
};

const loaded = (instanceId: string, displayName: string, sizeBytes: number) => ({
  instanceId,
  modelKey: instanceId,
  contextLength: 4096,
  gpuOffload: null,
  ttlSeconds: null,
  flashAttention: null,
  offloadKvCacheToGpu: null,
  status: 'idle' as const,
  displayName,
  sizeBytes,
  pinned: false,
});

export const modelsState: ModelsState = {
  reachable: true,
  apiLevel: 'v1',
  message: null,
  catalog: [],
  loaded: [
    loaded('deepseek-coder-33b', 'DeepSeek Coder 33B', 19_940_000_000),
    loaded('qwen-7b', 'Qwen 7B', 4_680_000_000),
  ],
};

export const energySummary: EnergySummary = {
  today: { kWh: 1.84, cost: { amount: 1.64, currency: 'BRL' }, co2Grams: null },
  week: { kWh: 9.1, cost: null, co2Grams: null },
  month: { kWh: 30.2, cost: null, co2Grams: null },
  todayByState: { idleEmpty: 0.3, loadedIdle: 0.6, inferring: 0.94 },
  idleWasteToday: { kWh: 0.4, cost: null, co2Grams: null },
  method: 'counter',
};
