import { describe, expect, it } from 'vitest';
import { planNvml } from '../../../electron/core/hardware/nvml/nvml-library-path';

describe('planNvml', () => {
  it('honours LOADOUT_NVML=off and a library path', () => {
    expect(planNvml({ LOADOUT_NVML: 'off' }, 'linux')).toMatchObject({ off: true });
    expect(planNvml({ LOADOUT_NVML: '/opt/stub/libnvml.so' }, 'linux')).toEqual({ off: false, candidates: ['/opt/stub/libnvml.so'] });
  });

  it('uses the loader name on Linux and System32 then NVSMI on Windows', () => {
    expect(planNvml({}, 'linux')).toEqual({ off: false, candidates: ['libnvidia-ml.so.1'] });
    expect(planNvml({ WINDIR: 'C:\\Windows', ProgramFiles: 'C:\\Program Files' }, 'win32')).toEqual({
      off: false,
      candidates: ['C:\\Windows\\System32\\nvml.dll', 'C:\\Program Files\\NVIDIA Corporation\\NVSMI\\nvml.dll'],
    });
    expect(planNvml({}, 'darwin')).toMatchObject({ off: true });
  });
});
