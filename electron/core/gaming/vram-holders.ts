/**
 * The optional VRAM source (issue 19): any process other than LM Studio holding more GPU memory than
 * `gaming.vramThresholdGiB`. It reads the per-process memory the hardware service already samples
 * (NVML or nvidia-smi compute apps), so detection never starts a second GPU reader.
 */
import type { GpuProcess } from '../../../shared/hardware/sample';
import type { RunningGame } from './game-check';
import { isNeverAGame } from './not-games';
import type { RunningProcess } from './process-list';

const GIB = 1024 ** 3;

/** Processes over the threshold, named from the process list when it knows the pid, else from the GPU's own name. */
export function findVramHolders(
  gpuProcesses: GpuProcess[],
  thresholdGiB: number,
  processes: RunningProcess[],
): RunningGame[] {
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const perPid = new Map<number, number>();
  // One process may hold memory on several GPUs: the threshold is for its total.
  for (const g of gpuProcesses) {
    if (g.usedMemoryBytes === null) continue;
    perPid.set(g.pid, (perPid.get(g.pid) ?? 0) + g.usedMemoryBytes);
  }
  const games: RunningGame[] = [];
  for (const [pid, bytes] of perPid) {
    if (bytes <= thresholdGiB * GIB) continue;
    const known = byPid.get(pid);
    const gpuName = gpuProcesses.find((g) => g.pid === pid)?.name ?? null;
    const exe = known?.exe ?? (gpuName ? baseName(gpuName) : `pid ${pid}`);
    if (isNeverAGame({ exe, path: known?.path ?? gpuName })) continue;
    games.push({ name: exe, exe, pid, source: 'vram' });
  }
  return games;
}

/** nvidia-smi and NVML give a full path on Windows ("C:\\Games\\x.exe") and on Linux. */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}
