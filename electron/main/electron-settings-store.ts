/**
 * Settings in the tray app go through electron-store over the CLI's own config.json (cwd: the data
 * folder from resolveDataDir, name "config"), so `loadout config set …` and the app read one file.
 */
import ElectronStore from 'electron-store';
import type Conf from 'conf';

/** Open config.json in `cwd` with electron-store (the core's SettingsStore validates and migrates it). */
export function openElectronSettingsStore({
  cwd,
}: {
  cwd: string;
  configName: 'config';
}): Conf<Record<string, unknown>> {
  return new ElectronStore<Record<string, unknown>>({ cwd, name: 'config' });
}
