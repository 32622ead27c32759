/** Which file under resources/ is the tray icon for a state on this platform. */
import path from 'node:path';
import type { TrayIconState } from '../../../shared/tray/tray-icon-state';
import type { TaskbarTheme } from './taskbar-theme';

/**
 * macOS: monochrome template PNGs (the name ends in "Template" so macOS tints them for the menu bar;
 * the @2x file beside it is picked up automatically). Windows: .ico with 16/20/24/32/40/48 px frames
 * (100 % to 300 % scaling), drawn dark for a light taskbar and light for a dark one. Linux: 32 px PNG.
 */
export function trayIconPath(
  resourcesDir: string,
  state: TrayIconState,
  platform: NodeJS.Platform,
  taskbar: TaskbarTheme = 'dark',
): string {
  if (platform === 'darwin') return path.join(resourcesDir, 'tray', `tray-${state}Template.png`);
  if (platform === 'win32') return path.join(resourcesDir, 'tray', `tray-${state}-on-${taskbar}.ico`);
  return path.join(resourcesDir, 'tray', `tray-${state}.png`);
}
