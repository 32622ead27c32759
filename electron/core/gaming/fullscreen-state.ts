/**
 * The shell's own signal on Windows (issue 19): SHQueryUserNotificationState says
 * QUNS_RUNNING_D3D_FULL_SCREEN for an exclusive-fullscreen game and QUNS_BUSY for a borderless
 * fullscreen window. The foreground window's process names the game.
 */
import { UNNAMED_FULLSCREEN_GAME } from '../../../shared/gaming/game-name';
import type { RunningGame } from './game-check';
import { isNeverAGame } from './not-games';
import type { RunningProcess } from './process-list';
import { QUNS_BUSY, QUNS_RUNNING_D3D_FULL_SCREEN, type Win32Api } from './win32-binding';

/**
 * Borderless fullscreen (QUNS_BUSY) is also a video or a slideshow: these apps are not games. Exclusive
 * fullscreen (Direct3D) is only ever a game or a 3D app, so it is taken whatever the process.
 */
const NOT_GAMES_WHEN_BORDERLESS = new Set([
  'chrome.exe',
  'msedge.exe',
  'firefox.exe',
  'brave.exe',
  'opera.exe',
  'vlc.exe',
  'mpc-hc64.exe',
  'mpv.exe',
  'powerpnt.exe',
  'wmplayer.exe',
  'video.ui.exe',
  'applicationframehost.exe',
  'explorer.exe',
]);

/** The fullscreen game now, or null; throws when the shell cannot be asked. */
export function readFullscreenGame(api: Win32Api, processes: RunningProcess[]): RunningGame | null {
  const state = api.notificationState();
  if (state !== QUNS_RUNNING_D3D_FULL_SCREEN && state !== QUNS_BUSY) return null;
  const pid = api.foregroundPid();
  const proc = pid === null ? undefined : processes.find((p) => p.pid === pid);
  if (!proc) {
    // Without a process to name, only exclusive fullscreen is sure enough to count; each face words the code.
    return state === QUNS_RUNNING_D3D_FULL_SCREEN
      ? { name: UNNAMED_FULLSCREEN_GAME, exe: '', pid, source: 'fullscreen' }
      : null;
  }
  if (isNeverAGame(proc)) return null;
  if (state === QUNS_BUSY && NOT_GAMES_WHEN_BORDERLESS.has(proc.exe.toLowerCase())) return null;
  return { name: proc.exe, exe: proc.exe, pid: proc.pid, source: 'fullscreen' };
}
