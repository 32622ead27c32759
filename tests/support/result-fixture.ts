/**
 * A realistic stored result: Qwen2.5 7B Instruct Q4_K_M benchmarked 3 times on the reference user's
 * box (RTX 3090, driver 581.80, LM Studio 0.4.4), all layers on the GPU, rated 4/5. The figures are
 * plausible for that card; the export tests compare against goldens rendered from it.
 */
import { BenchResultSchema, type BenchResult } from '../../shared/bench/bench-record';
import { summarize } from '../../shared/bench/bench-stats';

const stats = (values: number[]) => summarize(values);

/** The fixture result; `patch` overrides top-level fields. */
export function qwen7bResult(patch: Partial<BenchResult> = {}): BenchResult {
  const base: BenchResult = {
    id: 7,
    startedAt: '2026-11-26T03:12:00.000Z',
    endedAt: '2026-11-26T03:15:41.000Z',
    model: {
      key: 'qwen2.5-7b-instruct',
      displayName: 'Qwen2.5 7B Instruct',
      quantization: 'Q4_K_M',
      paramsString: '7B',
      sizeBytes: 4_683_073_856,
      format: 'gguf',
      architecture: 'qwen2',
    },
    load: {
      contextLength: 8192,
      gpuOffload: 'max',
      instanceId: 'qwen2.5-7b-instruct',
      loadedByBench: true,
      loadSeconds: 3.2,
    },
    device: 'gpu',
    deviceReason: 'GPU offload max',
    runs: 3,
    versions: { lmStudio: '0.4.4+1', driver: '581.80', loadout: '0.1.0' },
    hardware: {
      gpuName: 'NVIDIA GeForce RTX 3090',
      cpuName: 'AMD Ryzen 7 9800X3D 8-Core Processor',
      vramTotalBytes: 25_769_803_776,
      ramTotalBytes: 103_079_215_104,
    },
    summary: {
      tokensPerSecond: stats([97.1, 98.4, 96.2, 99.0, 97.9, 98.8]),
      ttftMs: stats([142, 138, 151]),
      promptTokensPerSecond: stats([2950, 3010, 2988]),
      longContextTtftMs: stats([1930, 1905, 1962]),
      totalMs: 221_000,
      completionTokens: 8544,
      contextTestedTokens: 5731,
    },
    prompts: [],
    measurements: [],
    telemetry: {
      samples: 221,
      gpuSource: 'nvml',
      peakVramBytes: 6_912_000_000,
      peakRamBytes: 31_020_000_000,
      vramBeforeLoadBytes: 860_000_000,
      vramAfterLoadBytes: 6_400_000_000,
      peakGpuPowerW: 338,
    },
    energy: {
      totalWh: 17.52,
      whPerRun: 5.84,
      whPer1kTokens: 2.0506,
      method: 'counter',
      coverage: 1,
      unavailableReason: null,
    },
    estimates: {
      document: {
        source: 'hardware-profile.pt-BR.md, GPU 7B Q4_K_M',
        lowTokensPerSecond: 80,
        highTokensPerSecond: 120,
        pointTokensPerSecond: null,
        verdict: 'inside',
      },
      documentNote: 'GPU 7B Q4_K_M: ~80-120 tok/s (✅ Excelente)',
      loadout: {
        source: 'Loadout (memory bandwidth model)',
        lowTokensPerSecond: 76.3,
        highTokensPerSecond: 127.2,
        pointTokensPerSecond: 101.75,
        verdict: 'inside',
      },
      loadoutNote: '~102 tok/s (±25 %)',
    },
    human: {
      rating: 4,
      bestFor: 'Chat geral e revisão de código',
      issues: 'Inventou uma função da API uma vez',
      notes: 'Respostas em pt-BR naturais',
      ratedAt: '2026-11-26T03:20:00.000Z',
    },
  };
  return BenchResultSchema.parse({ ...base, ...patch });
}
