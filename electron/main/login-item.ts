/** "Start at login": the setting is the truth; the OS login item follows it (app.setLoginItemSettings). */
import type { App } from 'electron';

/** Make the OS login item match the setting; starts hidden in the tray. */
export function applyStartAtLogin(app: Pick<App, 'setLoginItemSettings'>, enabled: boolean): void {
  app.setLoginItemSettings({ openAtLogin: enabled, args: enabled ? ['--hidden'] : [] });
}
