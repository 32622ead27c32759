import { describe, expect, it } from 'vitest';
import { parseComputeApps } from '../../../shared/hardware/smi-compute-apps';
import { readCapture } from '../../support/fixture-files';

describe('parseComputeApps (real capture while a load held 6.7 GB)', () => {
  it('reads the process line with units and skips the header and short lines', () => {
    // Line 2 has four fields with units; line 3 (nounits) has three, so it is not a 4-column row.
    expect(parseComputeApps(readCapture('compute-apps-load.csv'))).toEqual([
      {
        pid: 811,
        name: 'python3',
        gpuUuid: 'GPU-77396041-f2f3-df73-cd5b-873de9c35c72',
        usedMemoryBytes: 6854 * 1024 * 1024,
      },
    ]);
  });

  it('reads WDDM-style [N/A] memory and hidden names as null', () => {
    expect(parseComputeApps('4242, Insufficient Permissions, [N/A], GPU-1\n')).toEqual([
      { pid: 4242, name: null, gpuUuid: 'GPU-1', usedMemoryBytes: null },
    ]);
  });

  it('returns nothing for the idle output (header only) or the no-driver text', () => {
    expect(parseComputeApps('pid, process_name, used_gpu_memory [MiB], gpu_uuid\n')).toEqual([]);
    expect(parseComputeApps("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.")).toEqual(
      [],
    );
  });
});
