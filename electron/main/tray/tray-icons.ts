/** Which file under resources/ is the tray icon for a state on this platform. */
import path from 'node:path';
import type { TrayIconState } from '../../../shared/tray/tray-icon-state';

/**
 * macOS: monochrome template PNGs (the name ends in "Template" so macOS tints them for the menu bar;
 * the @2x file beside it is picked up automatically). Windows: .ico with 16/24/32/48 px. Linux: 32 px PNG.
 */
export function trayIconPath(resourcesDir: string, state: TrayIconState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return path.join(resourcesDir, 'tray', `tray-${state}Template.png`);
  if (platform === 'win32') return path.join(resourcesDir, 'tray', `tray-${state}.ico`);
  return path.join(resourcesDir, 'tray', `tray-${state}.png`);
}
