/**
 * The composition root: builds every core service from one config. The tray app, the CLI and
 * `loadout serve` all start here, so they behave the same.
 */
import { resolveDataDir } from './paths';
import { SettingsStore } from './settings/settings-store';

export interface AppCoreConfig {
  /** The data folder; default from LOADOUT_HOME or the platform's app data folder. */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
}

export interface AppCore {
  dataDir: string;
  settings: SettingsStore;
  /** Stop every service and release its processes, timers and files. */
  dispose(): Promise<void>;
}

/** Build the core services from one config. */
export function createAppCore(config: AppCoreConfig = {}): AppCore {
  const env = config.env ?? process.env;
  const dataDir = config.dataDir ?? resolveDataDir(env);
  const settings = new SettingsStore({ dataDir });
  return {
    dataDir,
    settings,
    async dispose() {},
  };
}
