import { describe, expect, it } from 'vitest';
import { parseHelpQueryGpu } from '../../../shared/hardware/smi-help';
import { readCapture } from '../../support/fixture-files';

describe('parseHelpQueryGpu (real driver 580 help dump)', () => {
  const valid = parseHelpQueryGpu(readCapture('help-query-gpu.txt'));

  it('lists the --query-gpu fields and their aliases', () => {
    for (const f of [
      'timestamp',
      'index',
      'uuid',
      'gpu_uuid',
      'power.draw',
      'power.draw.average',
      'gpu.power.draw.average',
      'enforced.power.limit',
      'clocks.sm',
      'clocks.current.sm',
      'clocks.max.memory',
      'fan.speed',
      'pstate',
      'compute_cap',
    ]) {
      expect(valid.has(f), f).toBe(true);
    }
    expect(valid.size).toBeGreaterThan(150);
  });

  it('has no energy field and no fields from the --query-compute-apps section', () => {
    expect([...valid].filter((f) => /energy/i.test(f))).toEqual([]);
    expect(valid.has('used_gpu_memory')).toBe(false);
    expect(valid.has('pid')).toBe(false);
    expect(valid.has('cuda_version')).toBe(false);
  });

  it('returns an empty set for text that is not a help dump', () => {
    expect(
      parseHelpQueryGpu("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.").size,
    ).toBe(0);
  });
});
