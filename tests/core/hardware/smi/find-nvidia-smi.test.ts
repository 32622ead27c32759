import { describe, expect, it } from 'vitest';
import { type SmiSearchFs, findNvidiaSmi } from '../../../../electron/core/hardware/smi/find-nvidia-smi';

/** A file system holding exactly these files (path → ctime). */
function fakeFs(files: Record<string, number>): SmiSearchFs {
  return {
    fileCtimeMs: (p) => files[p] ?? null,
    listDir: (dir) => [
      ...new Set(
        Object.keys(files)
          .filter((f) => f.startsWith(`${dir}\\`) || f.startsWith(`${dir}/`))
          .map((f) => f.slice(dir.length + 1).split(/[\\/]/)[0]!),
      ),
    ],
  };
}

const WIN = { WINDIR: 'C:\\Windows', ProgramFiles: 'C:\\Program Files', Path: 'C:\\Tools;C:\\bin' };
const SYS32 = 'C:\\Windows\\System32\\nvidia-smi.exe';
const STORE = 'C:\\Windows\\System32\\DriverStore\\FileRepository';
const NVSMI = 'C:\\Program Files\\NVIDIA Corporation\\NVSMI\\nvidia-smi.exe';

describe('findNvidiaSmi on Windows', () => {
  it('prefers System32 (DCH drivers)', () => {
    expect(findNvidiaSmi(WIN, 'win32', fakeFs({ [SYS32]: 1, [NVSMI]: 1 })).path).toBe(SYS32);
  });

  it('then the newest DriverStore copy, then NVSMI, then PATH', () => {
    const older = `${STORE}\\nv_dispi.inf_amd64_aaa\\nvidia-smi.exe`;
    const newer = `${STORE}\\nv_dispi.inf_amd64_bbb\\nvidia-smi.exe`;
    const other = `${STORE}\\intel_gfx\\nvidia-smi.exe`;
    expect(findNvidiaSmi(WIN, 'win32', fakeFs({ [older]: 100, [newer]: 200, [other]: 300, [NVSMI]: 1 })).path).toBe(
      newer,
    );
    expect(findNvidiaSmi(WIN, 'win32', fakeFs({ [NVSMI]: 1, 'C:\\bin\\nvidia-smi.exe': 1 })).path).toBe(NVSMI);
    expect(findNvidiaSmi(WIN, 'win32', fakeFs({ 'C:\\bin\\nvidia-smi.exe': 1 })).path).toBe('C:\\bin\\nvidia-smi.exe');
  });

  it('reports every place it looked when nothing is there', () => {
    const found = findNvidiaSmi(WIN, 'win32', fakeFs({}));
    expect(found.path).toBeNull();
    expect(found.searched).toEqual([SYS32, `${STORE}\\nv*\\nvidia-smi.exe`, NVSMI, 'PATH (nvidia-smi.exe)']);
  });
});

describe('findNvidiaSmi with Windows overrides and PATH', () => {
  it('takes the quotes off a quoted PATH entry, as cmd.exe does', () => {
    const env = { ...WIN, Path: 'C:\\Tools;"C:\\Program Files\\NVIDIA GPU Computing Toolkit\\bin"' };
    const inQuoted = 'C:\\Program Files\\NVIDIA GPU Computing Toolkit\\bin\\nvidia-smi.exe';
    expect(findNvidiaSmi(env, 'win32', fakeFs({ [inQuoted]: 1 })).path).toBe(inQuoted);
  });

  it('refuses a LOADOUT_NVIDIA_SMI that is a .bat or .cmd, asking for the .exe', () => {
    const found = findNvidiaSmi(
      { LOADOUT_NVIDIA_SMI: 'C:\\tools\\smi.bat' },
      'win32',
      fakeFs({ 'C:\\tools\\smi.bat': 1 }),
    );
    expect(found.path).toBeNull();
    expect(found.problem).toBe(
      'LOADOUT_NVIDIA_SMI points at C:\\tools\\smi.bat, a batch file, which Loadout cannot start (it runs programs without a shell). Point LOADOUT_NVIDIA_SMI at the .exe itself.',
    );
    expect(findNvidiaSmi({ LOADOUT_NVIDIA_SMI: '/opt/smi.cmd' }, 'linux', fakeFs({ '/opt/smi.cmd': 1 })).path).toBe(
      '/opt/smi.cmd',
    );
  });
});

describe('findNvidiaSmi elsewhere', () => {
  it('honours LOADOUT_NVIDIA_SMI, and says so when that file is missing', () => {
    expect(
      findNvidiaSmi({ LOADOUT_NVIDIA_SMI: '/opt/fake/nvidia-smi' }, 'linux', fakeFs({ '/opt/fake/nvidia-smi': 1 }))
        .path,
    ).toBe('/opt/fake/nvidia-smi');
    const missing = findNvidiaSmi({ LOADOUT_NVIDIA_SMI: '/nope' }, 'linux', fakeFs({}));
    expect(missing).toEqual({ path: null, searched: ['/nope (LOADOUT_NVIDIA_SMI)'] });
  });

  it('searches PATH on Linux', () => {
    expect(findNvidiaSmi({ PATH: '/usr/local/bin:/usr/bin' }, 'linux', fakeFs({ '/usr/bin/nvidia-smi': 1 })).path).toBe(
      '/usr/bin/nvidia-smi',
    );
  });
});
