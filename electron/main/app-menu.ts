/**
 * The application menu. Electron's default one (File/Edit/View/Window/Help, with Reload and Toggle
 * DevTools and their Ctrl+R / Ctrl+W / Ctrl+Shift+I accelerators) would act in every window, the
 * quick chat included, so Windows and Linux get none at all. macOS needs a menu for its Edit
 * shortcuts (Cmd+C/V/X/A/Z reach text fields only through the Edit menu's roles), so it gets the app
 * menu, Edit and Window; only an unpackaged build (`npm start`) adds Reload and DevTools.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** The menu template to install, or null for no application menu (and no menu bar). */
export function applicationMenuTemplate(
  platform: NodeJS.Platform,
  packaged: boolean,
): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  const template: MenuItemConstructorOptions[] = [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }];
  if (!packaged) template.push({ label: 'Develop', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] });
  return template;
}
