import { describe, expect, it } from 'vitest';
import { createProcLister, type ProcFs } from '../../../electron/core/gaming/process-list';

/** A /proc tree in memory: pid → exe link, cmdline and comm (absent = unreadable). */
function fakeProc(tree: Record<string, { exe?: string; cmdline?: string; comm?: string }>): ProcFs {
  const missing = (file: string) => Promise.reject(Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' }));
  const entry = (file: string) => tree[file.split('/')[2] ?? ''];
  return {
    readdir: async () => [...Object.keys(tree), 'self', 'cpuinfo'],
    readlink: (file) => (entry(file)?.exe !== undefined ? Promise.resolve(entry(file)!.exe!) : missing(file)),
    readFile: (file) => {
      const e = entry(file);
      const value = file.endsWith('/cmdline') ? e?.cmdline : e?.comm;
      return value !== undefined ? Promise.resolve(value) : missing(file);
    },
  };
}

describe('createProcLister (/proc)', () => {
  it('names each process by its exe link, the Windows path of a Proton game, or its comm', async () => {
    const list = createProcLister(
      fakeProc({
        '100': { exe: '/usr/bin/bash', cmdline: 'bash\0' },
        '200': {
          exe: '/home/ana/.steam/steam/steamapps/common/Proton 9.0/files/bin/wine64-preloader',
          cmdline: 'Z:\\home\\ana\\.steam\\steam\\steamapps\\common\\ELDEN RING\\Game\\eldenring.exe\0-flag\0',
        },
        '300': { comm: 'kworker/0:1\n' },
        '400': { exe: '/opt/game/factorio (deleted)', cmdline: '' },
      }),
    );
    expect(await list()).toEqual([
      { pid: 100, exe: 'bash', path: '/usr/bin/bash' },
      {
        pid: 200,
        exe: 'eldenring.exe',
        path: 'Z:\\home\\ana\\.steam\\steam\\steamapps\\common\\ELDEN RING\\Game\\eldenring.exe',
      },
      { pid: 300, exe: 'kworker/0:1', path: null },
      { pid: 400, exe: 'factorio', path: '/opt/game/factorio' },
    ]);
  });

  it('skips a process that ended mid-walk', async () => {
    const list = createProcLister(fakeProc({ '1': { exe: '/sbin/init' }, '2': {} }));
    expect(await list()).toEqual([{ pid: 1, exe: 'init', path: '/sbin/init' }]);
  });

  it('rejects with a sentence when /proc cannot be read', async () => {
    const fs: ProcFs = {
      readdir: () => Promise.reject(new Error('EACCES')),
      readlink: async () => '',
      readFile: async () => '',
    };
    await expect(createProcLister(fs)()).rejects.toThrow('Could not list processes: /proc is unreadable (EACCES).');
  });

  it('lists this test process from the real /proc', async () => {
    const mine = (await createProcLister()()).find((p) => p.pid === process.pid);
    expect(mine?.path).toBe(process.execPath);
  });
});
