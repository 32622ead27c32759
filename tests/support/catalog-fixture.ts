/**
 * A catalog like the reference user's (RTX 3090 24 GB, 96 GB RAM) after downloading the models their
 * profile recommends. Sizes are the real Q4_K_M/Q3_K_M/Q8_0 GGUF file sizes from the publishers' pages.
 */
import {
  CatalogModelSchema,
  type CatalogModel,
  type LoadedInstance,
  LoadedInstanceSchema,
} from '../../shared/lmstudio/types';
import type { HardwareSample } from '../../shared/hardware/sample';

const GB = 1e9;

function model(
  key: string,
  displayName: string,
  params: string,
  quant: string,
  bits: number,
  sizeBytes: number,
): CatalogModel {
  return CatalogModelSchema.parse({
    key,
    displayName,
    type: 'llm',
    publisher: key.split('/')[0] ?? null,
    architecture: 'llama',
    quantization: quant,
    bitsPerWeight: bits,
    sizeBytes,
    paramsString: params,
    format: 'gguf',
    maxContextLength: 32768,
    capabilities: { vision: false, toolUse: true, reasoning: false },
    loadedInstances: [],
  });
}

export const catalog: CatalogModel[] = [
  model('deepseek/deepseek-coder-33b-instruct', 'DeepSeek Coder 33B Instruct', '33B', 'Q4_K_M', 4, 19.94 * GB),
  model('deepseek/deepseek-coder-33b-instruct-q3_k_m', 'DeepSeek Coder 33B Instruct', '33B', 'Q3_K_M', 3, 16.09 * GB),
  model('qwen/qwen2.5-coder-14b-instruct', 'Qwen2.5 Coder 14B Instruct', '14B', 'Q4_K_M', 4, 8.99 * GB),
  model('qwen/qwen2.5-7b-instruct', 'Qwen2.5 7B Instruct', '7B', 'Q4_K_M', 4, 4.68 * GB),
  model('qwen/qwen2.5-coder-7b-instruct', 'Qwen2.5 Coder 7B Instruct', '7B', 'Q4_K_M', 4, 4.68 * GB),
  // The profile's "Mistral-7B-v0.3 (FP16): qualidade máxima": a 7B at 14.5 GB that no Q4 scenario should pick.
  model('mistralai/mistral-7b-instruct-v0.3', 'Mistral 7B Instruct v0.3', '7B', 'F16', 16, 14.5 * GB),
  model('meta/llama-3.2-1b-instruct', 'Llama 3.2 1B Instruct', '1B', 'Q8_0', 8, 1.32 * GB),
  model('meta/llama-3.2-3b-instruct', 'Llama 3.2 3B Instruct', '3B', 'Q4_K_M', 4, 2.02 * GB),
  CatalogModelSchema.parse({
    key: 'nomic/nomic-embed-text-v1.5',
    displayName: 'Nomic Embed 1.5',
    type: 'embedding',
    publisher: 'nomic',
    architecture: null,
    quantization: 'Q4_K_M',
    bitsPerWeight: 4,
    sizeBytes: 0.08 * GB,
    paramsString: '137M',
    format: 'gguf',
    maxContextLength: 2048,
    capabilities: { vision: false, toolUse: false, reasoning: false },
    loadedInstances: [],
  }),
];

/** A loaded instance as the client reports it. */
export function instance(modelKey: string, instanceId = modelKey, extra: Partial<LoadedInstance> = {}): LoadedInstance {
  return LoadedInstanceSchema.parse({ instanceId, modelKey, contextLength: 4096, ...extra });
}

const GiB = 1024 ** 3;

/** A sample of the RTX 3090 box with `usedVramGiB` in use (desktop + loaded models) and `availableRamGiB` free. */
export function sample(usedVramGiB: number, availableRamGiB = 80, gpu = true): HardwareSample {
  return {
    timestamp: '2026-11-26T03:00:00.000Z',
    cpu: { loadPercent: 5, perCore: [] },
    memory: { totalBytes: 96 * GiB, usedBytes: (96 - availableRamGiB) * GiB, availableBytes: availableRamGiB * GiB },
    gpus: gpu
      ? [
          {
            index: 0,
            name: 'NVIDIA GeForce RTX 3090',
            uuid: 'GPU-1',
            utilizationPercent: 3,
            memoryUtilizationPercent: 1,
            memoryUsedBytes: usedVramGiB * GiB,
            memoryTotalBytes: 24 * GiB,
            temperatureC: 40,
            powerW: 30,
            powerLimitW: 350,
            energyCounterMJ: null,
            clockSmMHz: 210,
            clockMemMHz: 405,
            fanPercent: 0,
            pstate: 'P8',
            sampledAt: null,
          },
        ]
      : [],
    gpuSource: gpu ? 'nvml' : 'none',
    gpuUnavailableReason: gpu ? null : 'no NVIDIA driver found',
  };
}
