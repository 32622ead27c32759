/**
 * Builds the stub NVML library for tests: writes nvml-rows.h from the real nvml-50ms.csv capture
 * and compiles nvml-stub.c with `cc -shared -fPIC` into a temp folder. Returns null when `cc` is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The capture the stub serves. */
export const NVML_CSV = path.join(here, '..', '..', 'fixtures', 'nvidia-smi', 'h200-driver-580', 'nvml-50ms.csv');

export interface NvmlRow {
  tMs: number;
  powerMw: number;
  energyMj: number;
  utilGpu: number;
  memUsedB: number;
}

/** The rows of nvml-50ms.csv. */
export function readNvmlRows(): NvmlRow[] {
  return fs
    .readFileSync(NVML_CSV, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const [tMs, powerMw, energyMj, utilGpu, memUsedB] = line.split(',').map(Number) as [
        number,
        number,
        number,
        number,
        number,
      ];
      return { tMs, powerMw, energyMj, utilGpu, memUsedB };
    });
}

/** True when a C compiler is on PATH. */
export function hasCompiler(): boolean {
  return spawnSync('cc', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Compile the stub into a new temp folder; returns the library path (remove the folder when done). */
export function buildNvmlStub(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-nvml-stub-'));
  const rows = readNvmlRows()
    .map((r) => `  { ${r.powerMw}u, ${r.energyMj}ULL, ${r.utilGpu}u, ${r.memUsedB}ULL },`)
    .join('\n');
  fs.writeFileSync(
    path.join(dir, 'nvml-rows.h'),
    `typedef struct { unsigned int power_mw; unsigned long long energy_mj; unsigned int util_gpu; unsigned long long mem_used_b; } nvml_row_t;\n` +
      `static const nvml_row_t NVML_ROWS[] = {\n${rows}\n};\n#define NVML_ROW_COUNT ((int)(sizeof(NVML_ROWS) / sizeof(NVML_ROWS[0])))\n`,
  );
  const lib = path.join(dir, 'libnvidia-ml-stub.so');
  execFileSync('cc', ['-shared', '-fPIC', '-O1', '-I', dir, '-o', lib, path.join(here, 'nvml-stub.c')]);
  return lib;
}
