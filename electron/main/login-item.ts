/**
 * "Start at login": the setting is the truth; the OS follows it. macOS and Windows through
 * app.setLoginItemSettings; Linux (where Electron has no login items) through an XDG autostart
 * entry, ~/.config/autostart/loadout.desktop. Either way Loadout starts hidden in the tray.
 * Only an installed (packaged) Loadout touches the OS: `npm start` would otherwise point the login
 * item at electron.exe and a source folder, replacing the installed app's entry. The OS is written
 * only when it differs from the setting, so each start does not rewrite the registry or the file.
 */
import path from 'node:path';
import type { App } from 'electron';

/**
 * The value name of the Windows Run entry (HKCU\…\CurrentVersion\Run and Explorer\StartupApproved\Run).
 * Electron's default is the AppUserModelID, the same string; it is named here because the
 * uninstaller removes that value (resources/installer-autostart.nsh).
 */
export const WINDOWS_RUN_VALUE_NAME = 'app.loadout.tray';

export interface LoginItemTarget {
  app: Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>;
  platform: NodeJS.Platform;
  /** app.isPackaged: false under `npm start`, where nothing is written. */
  packaged: boolean;
  /** The command that starts this Loadout (the AppImage, the installed binary, or electron + app path in dev). */
  launchCommand: string[];
  /** $XDG_CONFIG_HOME or ~/.config. */
  configHome: string;
  /** The file's text, or null when it does not exist. */
  readFile(file: string): string | null;
  writeFile(file: string, text: string): void;
  removeFile(file: string): void;
}

/** What decides the command that starts this Loadout. */
export interface LaunchFacts {
  platform: NodeJS.Platform;
  packaged: boolean;
  env: NodeJS.ProcessEnv;
  /** process.execPath: the installed binary, or electron in dev. */
  execPath: string;
  /** app.getAppPath(): the app folder electron runs in dev. */
  appPath: string;
}

/**
 * The command that starts this Loadout: on Linux the AppImage when run as one (execPath is then a
 * temporary mount); else the binary, plus the app folder in dev. Only Linux reads APPIMAGE: on Windows
 * a stray one (set in a Git Bash or WSL-launched shell) must not become the Run entry.
 */
export function launchCommandFor(facts: LaunchFacts): string[] {
  if (facts.platform === 'linux' && facts.env.APPIMAGE) return [facts.env.APPIMAGE];
  return facts.packaged ? [facts.execPath] : [facts.execPath, facts.appPath];
}

/** What applyStartAtLogin did. */
export type LoginItemOutcome = 'applied' | 'unchanged' | 'not-packaged';

/** Make the OS start (or stop starting) Loadout at login. */
export function applyStartAtLogin(target: LoginItemTarget, enabled: boolean): LoginItemOutcome {
  if (!target.packaged) return 'not-packaged';
  if (target.platform === 'win32') {
    // Windows keeps one Run value: the exact command, quoted by Electron. Asked with the same path
    // and args, getLoginItemSettings says whether that value is what this install would write.
    const [exe = '', ...rest] = target.launchCommand;
    const query = { path: exe, args: [...rest, '--hidden'] };
    if (target.app.getLoginItemSettings(query).openAtLogin === enabled) return 'unchanged';
    target.app.setLoginItemSettings({ openAtLogin: enabled, ...query, name: WINDOWS_RUN_VALUE_NAME });
    return 'applied';
  }
  if (target.platform !== 'linux') {
    if (target.app.getLoginItemSettings().openAtLogin === enabled) return 'unchanged';
    target.app.setLoginItemSettings({ openAtLogin: enabled, args: enabled ? ['--hidden'] : [] });
    return 'applied';
  }
  const file = path.join(target.configHome, 'autostart', 'loadout.desktop');
  const wanted = enabled ? autostartEntry(target.launchCommand) : null;
  if (target.readFile(file) === wanted) return 'unchanged';
  if (wanted !== null) target.writeFile(file, wanted);
  else target.removeFile(file);
  return 'applied';
}

/** The XDG autostart entry for a launch command. */
export function autostartEntry(launchCommand: string[]): string {
  const exec = [...launchCommand, '--hidden'].map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Loadout',
    'Comment=Tray app for local LLMs with LM Studio',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
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
