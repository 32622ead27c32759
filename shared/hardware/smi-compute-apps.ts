/** Reads `nvidia-smi --query-compute-apps=pid,process_name,used_gpu_memory,gpu_uuid --format=csv,noheader,nounits`. */
import type { GpuProcess } from './sample';
import { parseSmiNumber, parseSmiText, readSmiRow } from './smi-csv';

/** The fields, in the order `parseComputeApps` expects them. */
export const COMPUTE_APPS_FIELDS = ['pid', 'process_name', 'used_gpu_memory', 'gpu_uuid'] as const;

/**
 * Every process line as a GpuProcess; header and junk lines are skipped. Memory is MiB in the output
 * (null under WDDM, where the driver prints `[N/A]`); "Insufficient Permissions" as a name becomes null.
 */
export function parseComputeApps(text: string): GpuProcess[] {
  const out: GpuProcess[] = [];
  for (const line of text.split(/\r?\n/)) {
    const row = readSmiRow(line, COMPUTE_APPS_FIELDS);
    if (!row) continue;
    const pid = parseSmiNumber(row.pid);
    if (pid === null || !Number.isInteger(pid)) continue;
    const name = parseSmiText(row.process_name);
    const mib = parseSmiNumber(row.used_gpu_memory);
    out.push({
      pid,
      name: name === 'Insufficient Permissions' ? null : name,
      gpuUuid: parseSmiText(row.gpu_uuid),
      usedMemoryBytes: mib === null ? null : mib * 1024 * 1024,
    });
  }
  return out;
}
