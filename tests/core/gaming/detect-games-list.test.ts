import { describe, expect, it } from 'vitest';
import { createGameDetector } from '../../../electron/core/gaming/detect-games';
import type { RunningProcess } from '../../../electron/core/gaming/process-list';
import { defaultSettings } from '../../../shared/settings/schema';

const gaming = (processes: string[]) => ({ ...defaultSettings().gaming, processes });
const proc = (pid: number, exe: string, path: string | null = null): RunningProcess => ({ pid, exe, path });

describe('createGameDetector: the user list', () => {
  it('sees nothing before the game starts, then the game once it runs', async () => {
    let running: RunningProcess[] = [proc(1, 'explorer.exe'), proc(2, 'chrome.exe')];
    const detector = createGameDetector({
      gamingSettings: () => gaming(['eldenring.exe']),
      listProcesses: async () => running,
    });
    expect(await detector.check()).toEqual({ games: [], complete: true, problems: [] });
    running = [...running, proc(40, 'eldenring.exe', 'D:\\Games\\ELDEN RING\\Game\\eldenring.exe')];
    expect((await detector.check()).games).toEqual([
      { name: 'eldenring.exe', exe: 'eldenring.exe', pid: 40, source: 'list' },
    ]);
  });

  it('reports two games at once', async () => {
    const detector = createGameDetector({
      gamingSettings: () => gaming(['eldenring', 'Cyberpunk2077.exe']),
      listProcesses: async () => [proc(40, 'eldenring.exe'), proc(41, 'Cyberpunk2077.exe'), proc(42, 'code.exe')],
    });
    expect((await detector.check()).games.map((g) => g.pid)).toEqual([40, 41]);
  });

  it('matches names case-insensitively, with or without .exe on either side', async () => {
    const detector = createGameDetector({
      gamingSettings: () => gaming(['ELDENRING', 'cyberpunk2077.EXE', 'factorio']),
      listProcesses: async () => [
        proc(1, 'EldenRing.exe'),
        proc(2, 'Cyberpunk2077'),
        proc(3, 'factorio'),
        proc(4, 'eldenring-helper.exe'),
      ],
    });
    expect((await detector.check()).games.map((g) => g.pid)).toEqual([1, 2, 3]);
  });

  it('never reports a launcher or LM Studio, even when the user lists them', async () => {
    const detector = createGameDetector({
      gamingSettings: () =>
        gaming(['steam.exe', 'steamwebhelper', 'lms', 'LM Studio.exe', 'node', 'EpicGamesLauncher']),
      listProcesses: async () => [
        proc(1, 'steam.exe', 'C:\\Program Files (x86)\\Steam\\steam.exe'),
        proc(2, 'steamwebhelper.exe'),
        proc(3, 'lms.exe'),
        proc(4, 'LM Studio.exe', 'C:\\Users\\ana\\AppData\\Local\\Programs\\LM Studio\\LM Studio.exe'),
        proc(5, 'node.exe', 'C:\\Users\\ana\\.lmstudio\\bin\\node.exe'),
        proc(6, 'EpicGamesLauncher.exe'),
      ],
    });
    expect(await detector.check()).toEqual({ games: [], complete: true, problems: [] });
  });

  it('reads the list at every pass, so an edit applies without a restart', async () => {
    let names: string[] = [];
    const detector = createGameDetector({
      gamingSettings: () => gaming(names),
      listProcesses: async () => [proc(7, 'hades.exe')],
    });
    expect((await detector.check()).games).toEqual([]);
    names = ['hades'];
    expect((await detector.check()).games).toHaveLength(1);
  });

  it('says so when the process list fails, without rejecting', async () => {
    const detector = createGameDetector({
      gamingSettings: () => gaming(['eldenring']),
      listProcesses: async () => {
        throw new Error('Could not list processes: access denied.');
      },
    });
    const check = await detector.check();
    expect(check.complete).toBe(false);
    expect(check.games).toEqual([]);
    expect(check.problems).toEqual([{ source: 'process-list', detail: 'Could not list processes: access denied.' }]);
  });
});
