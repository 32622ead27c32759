import { describe, expect, it } from 'vitest';
import { decideDevice, type DeviceInput } from '../../../shared/bench/decide-device';

const GB = 1e9;
const base: DeviceInput = {
  gpuOffload: null,
  modelBytes: 4.7 * GB,
  vramBeforeBytes: 0.9 * GB,
  vramAfterBytes: null,
  hasGpu: true,
};

describe('which device ran the model', () => {
  it('follows an explicit GPU offload', () => {
    expect(decideDevice({ ...base, gpuOffload: 'max' }).device).toBe('gpu');
    expect(decideDevice({ ...base, gpuOffload: 'off' }).device).toBe('cpu');
    expect(decideDevice({ ...base, gpuOffload: 0 }).device).toBe('cpu');
    expect(decideDevice({ ...base, gpuOffload: 0.5 })).toMatchObject({
      device: 'split',
      gpuShare: 0.5,
      reason: 'GPU offload 50 %',
    });
  });

  it('reads an automatic offload from how much VRAM the load took', () => {
    expect(decideDevice({ ...base, vramAfterBytes: 6.2 * GB }).device).toBe('gpu');
    expect(decideDevice({ ...base, vramAfterBytes: 3.2 * GB })).toMatchObject({ device: 'split' });
    expect(decideDevice({ ...base, vramAfterBytes: 1.0 * GB }).device).toBe('cpu');
  });

  it('is CPU without a GPU, and unknown when nothing tells', () => {
    expect(decideDevice({ ...base, hasGpu: false, gpuOffload: 'max' }).device).toBe('cpu');
    expect(decideDevice(base)).toMatchObject({ device: 'unknown', gpuShare: null });
  });
});
