import { describe, expect, it } from 'vitest';
import type { SmiSearchFs } from '../../../../electron/core/hardware/driver-store';
import { planNvml } from '../../../../electron/core/hardware/nvml/nvml-library-path';

const noFiles: SmiSearchFs = { fileCtimeMs: () => null, listDir: () => [] };

describe('planNvml', () => {
  it('honours LOADOUT_NVML=off and a library path', () => {
    expect(planNvml({ LOADOUT_NVML: 'off' }, 'linux')).toMatchObject({ off: true });
    expect(planNvml({ LOADOUT_NVML: '/opt/stub/libnvml.so' }, 'linux')).toEqual({
      off: false,
      candidates: ['/opt/stub/libnvml.so'],
    });
  });

  it('uses the loader name on Linux and System32 then NVSMI on Windows', () => {
    expect(planNvml({}, 'linux')).toEqual({ off: false, candidates: ['libnvidia-ml.so.1'] });
    expect(planNvml({ WINDIR: 'C:\\Windows', ProgramFiles: 'C:\\Program Files' }, 'win32', noFiles)).toEqual({
      off: false,
      candidates: ['C:\\Windows\\System32\\nvml.dll', 'C:\\Program Files\\NVIDIA Corporation\\NVSMI\\nvml.dll'],
    });
    expect(planNvml({}, 'darwin')).toMatchObject({ off: true });
  });

  it('adds the newest DriverStore nvml.dll as the last fallback on Windows', () => {
    const store = 'C:\\Windows\\System32\\DriverStore\\FileRepository';
    const ctimes: Record<string, number> = {
      [`${store}\\nv_dispi.inf_amd64_old\\nvml.dll`]: 100,
      [`${store}\\nv_dispi.inf_amd64_new\\nvml.dll`]: 200,
      [`${store}\\iigd_dch.inf_amd64\\nvml.dll`]: 300,
    };
    const files: SmiSearchFs = {
      fileCtimeMs: (p) => ctimes[p] ?? null,
      listDir: (d) => (d === store ? ['nv_dispi.inf_amd64_old', 'iigd_dch.inf_amd64', 'nv_dispi.inf_amd64_new'] : []),
    };
    const plan = planNvml({ WINDIR: 'C:\\Windows', ProgramFiles: 'C:\\Program Files' }, 'win32', files);
    expect(plan).toEqual({
      off: false,
      candidates: [
        'C:\\Windows\\System32\\nvml.dll',
        'C:\\Program Files\\NVIDIA Corporation\\NVSMI\\nvml.dll',
        `${store}\\nv_dispi.inf_amd64_new\\nvml.dll`,
      ],
    });
  });
});
