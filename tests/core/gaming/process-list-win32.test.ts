import { describe, expect, it } from 'vitest';
import { createWin32ProcessLister } from '../../../electron/core/gaming/process-list-win32';
import type { Win32Api } from '../../../electron/core/gaming/win32-binding';

/** A Windows machine whose processes the test changes between passes, counting image-path queries. */
interface FakeWindows {
  processes: [number, string, string | null][];
  opened: number[];
  api: Win32Api;
}

function fakeWindows(initial: [number, string, string | null][]): FakeWindows {
  const machine: FakeWindows = {
    processes: initial,
    opened: [] as number[],
    api: {
      snapshotProcesses: () => machine.processes.map(([pid, exeFile]) => ({ pid, exeFile })),
      imagePath: (pid: number) => {
        machine.opened.push(pid);
        return machine.processes.find(([p]) => p === pid)?.[2] ?? null;
      },
      notificationState: () => 5,
      foregroundPid: () => null,
    },
  };
  return machine;
}

describe('createWin32ProcessLister (injected binding)', () => {
  it('lists every process but the idle one, with its image path or null where Windows will not say', async () => {
    const machine = fakeWindows([
      [0, '[System Process]', null],
      [4, 'System', null],
      [2000, 'eldenring.exe', 'C:\\Games\\ELDEN RING\\Game\\eldenring.exe'],
    ]);
    expect(await createWin32ProcessLister(async () => machine.api)()).toEqual([
      { pid: 4, exe: 'System', path: null },
      { pid: 2000, exe: 'eldenring.exe', path: 'C:\\Games\\ELDEN RING\\Game\\eldenring.exe' },
    ]);
  });

  it('opens only new processes on later passes, and a reused pid again', async () => {
    const machine = fakeWindows([
      [4, 'System', null],
      [900, 'explorer.exe', 'C:\\Windows\\explorer.exe'],
    ]);
    const list = createWin32ProcessLister(async () => machine.api);
    await list();
    expect(machine.opened).toEqual([4, 900]);
    machine.opened = [];
    machine.processes = [...machine.processes, [2000, 'eldenring.exe', 'C:\\Games\\eldenring.exe']];
    await list();
    expect(machine.opened).toEqual([2000]);
    machine.opened = [];
    machine.processes = [
      [4, 'System', null],
      [900, 'explorer.exe', 'C:\\Windows\\explorer.exe'],
      [2000, 'notepad.exe', 'C:\\Windows\\notepad.exe'],
    ];
    const third = await list();
    expect(machine.opened).toEqual([2000]);
    expect(third[2]).toEqual({ pid: 2000, exe: 'notepad.exe', path: 'C:\\Windows\\notepad.exe' });
  });

  it('rejects with a sentence when the binding cannot load, and binds once', async () => {
    let binds = 0;
    const list = createWin32ProcessLister(() => {
      binds++;
      return Promise.reject(new Error('koffi: cannot load kernel32.dll'));
    });
    await expect(list()).rejects.toThrow(
      'Could not list processes: the Windows API could not be loaded (koffi: cannot load kernel32.dll).',
    );
    await expect(list()).rejects.toThrow('koffi: cannot load kernel32.dll');
    expect(binds).toBe(1);
  });
});
