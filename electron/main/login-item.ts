/**
 * "Start at login": the setting is the truth; the OS follows it. macOS and Windows through
 * app.setLoginItemSettings; Linux (where Electron has no login items) through an XDG autostart
 * entry, ~/.config/autostart/loadout.desktop. Either way Loadout starts hidden in the tray.
 */
import path from 'node:path';
import type { App } from 'electron';

export interface LoginItemTarget {
  app: Pick<App, 'setLoginItemSettings'>;
  platform: NodeJS.Platform;
  /** The command that starts this Loadout (the AppImage, the installed binary, or electron + app path in dev). */
  launchCommand: string[];
  /** $XDG_CONFIG_HOME or ~/.config. */
  configHome: string;
  writeFile(file: string, text: string): void;
  removeFile(file: string): void;
}

/** Make the OS start (or stop starting) Loadout at login. */
export function applyStartAtLogin(target: LoginItemTarget, enabled: boolean): void {
  if (target.platform !== 'linux') {
    target.app.setLoginItemSettings({ openAtLogin: enabled, args: enabled ? ['--hidden'] : [] });
    return;
  }
  const file = path.join(target.configHome, 'autostart', 'loadout.desktop');
  if (enabled) target.writeFile(file, autostartEntry(target.launchCommand));
  else target.removeFile(file);
}

/** The XDG autostart entry for a launch command. */
export function autostartEntry(launchCommand: string[]): string {
  const exec = [...launchCommand, '--hidden'].map(quoteExecArg).join(' ');
  return ['[Desktop Entry]', 'Type=Application', 'Name=Loadout', 'Comment=Tray app for local LLMs with LM Studio', `Exec=${exec}`, 'Terminal=false', 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}

/**
 * Quote one Exec argument per the Desktop Entry spec: reserved characters get a backslash inside
 * double quotes, then the string-value escape doubles every backslash (so `$` is written `\\$`).
 */
function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_\-./=:+,@]+$/.test(arg)) return arg;
  const quoted = `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replace(/\\/g, '\\\\');
}
