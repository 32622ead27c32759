/**
 * The static machine inventory, read once: CPU (si.cpu), OS (si.osInfo), RAM (si.mem, si.memLayout)
 * and the GPUs from NVML's static queries or one nvidia-smi query. Never systeminformation's graphics call (0.4–2.5 s each).
 */
import os from 'node:os';
import si from 'systeminformation';
import { wordGpuUnavailable, type GpuUnavailable } from '../../../shared/hardware/gpu-unavailable';
import type { GpuInfo, MachineInventory } from '../../../shared/hardware/inventory';
import { translator } from '../../../shared/i18n/translate';
import { estimateMemoryChannels } from '../../../shared/hardware/memory-channels';
import { planNvml } from './nvml/nvml-library-path';
import { openNvmlReader } from './nvml/nvml-reader';
import { probeNvidiaSmi, querySmiInventory } from './smi/smi-reader';

/** The systeminformation calls used here; tests pass recorded answers. */
export type InventorySystemInfo = Pick<typeof si, 'cpu' | 'osInfo' | 'mem' | 'memLayout'>;

export interface InventoryOptions {
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  systemInfo?: InventorySystemInfo;
  /** Override the GPU part (the monitor passes its open reader's inventory). */
  readGpus?: () => Promise<GpuInfo[]>;
}

const finiteOrNull = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : null);

async function settle<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch {
    return null;
  }
}

/** GPU facts: NVML if it opens, else one nvidia-smi query; the reason when neither works. */
export async function readGpuInventory(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): Promise<{ gpus: GpuInfo[]; reason: GpuUnavailable | null }> {
  const plan = planNvml(env, platform);
  let nvmlReason = plan.off ? plan.reason : '';
  if (!plan.off) {
    try {
      const reader = await openNvmlReader(plan.candidates, platform);
      try {
        const gpus = await reader.inventory();
        if (gpus.length > 0) return { gpus, reason: null };
        nvmlReason = 'NVML reports no NVIDIA GPU.';
      } finally {
        await reader.close();
      }
    } catch (error) {
      nvmlReason = error instanceof Error ? error.message : String(error);
    }
  }
  try {
    const { executable, valid } = await probeNvidiaSmi(env, platform);
    const gpus = await querySmiInventory(executable, valid, env);
    return { gpus, reason: gpus.length > 0 ? null : { kind: 'smi-no-gpu' } };
  } catch (error) {
    return {
      gpus: [],
      reason: { kind: 'none-found', nvml: nvmlReason, smi: error instanceof Error ? error.message : String(error) },
    };
  }
}

/** Read the machine inventory once; every part that fails becomes null, never an exception. */
export async function collectMachineInventory(options: InventoryOptions): Promise<MachineInventory> {
  const s = options.systemInfo ?? si;
  const platform = options.platform ?? process.platform;
  const [cpu, osInfo, mem, layout, gpuPart] = await Promise.all([
    settle(s.cpu()),
    settle(s.osInfo()),
    settle(s.mem()),
    settle(s.memLayout()),
    options.readGpus
      ? options.readGpus().then(
          (gpus) => ({ gpus, reason: gpus.length ? null : ({ kind: 'none-listed' } as GpuUnavailable) }),
          (e: unknown) => ({
            gpus: [] as GpuInfo[],
            reason: { kind: 'inventory-failed', detail: String(e instanceof Error ? e.message : e) } as GpuUnavailable,
          }),
        )
      : readGpuInventory(options.env, platform),
  ]);
  const modules = (layout ?? []).filter((m) => (m.size ?? 0) > 0);
  const speeds = modules.map((m) => m.clockSpeed).filter((x): x is number => typeof x === 'number' && x > 0);
  const type = modules.map((m) => m.type).find((t) => t && t !== 'Unknown') ?? null;
  return {
    cpu: {
      brand: cpu ? [cpu.manufacturer, cpu.brand].filter(Boolean).join(' ').trim() || null : null,
      manufacturer: cpu?.manufacturer || null,
      physicalCores: cpu?.physicalCores || null,
      logicalCores: cpu?.cores || os.cpus().length || null,
      speedMaxGHz: finiteOrNull(cpu?.speedMax) ?? finiteOrNull(cpu?.speed),
      l3CacheBytes: finiteOrNull(cpu?.cache?.l3),
    },
    memory: {
      totalBytes: finiteOrNull(mem?.total) ?? os.totalmem(),
      type,
      speedMTs: speeds.length ? Math.max(...speeds) : null,
      modules: layout ? modules.length || null : null,
      channels: estimateMemoryChannels(layout ? modules.length || null : null),
    },
    os: { platform, distro: osInfo?.distro || null, release: osInfo?.release || null, arch: osInfo?.arch || os.arch() },
    gpus: gpuPart.gpus,
    // In English for the CLI and the MCP; as data for a window or a pt-BR profile to word.
    gpuUnavailableReason: gpuPart.reason ? wordGpuUnavailable(gpuPart.reason, translator('en')) : null,
    gpuUnavailable: gpuPart.reason,
  };
}
