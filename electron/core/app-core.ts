/**
 * The composition root: builds every core service from one config. The tray app, the CLI and
 * `loadout serve` all start here, so they behave the same.
 */
import { createHardwareMonitor } from './hardware/hardware-monitor';
import type { HardwareMonitor } from './hardware/monitor-types';
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
  /** GPU, CPU and RAM sampler (not started: call `hardware.start()` where live data is needed). */
  hardware: HardwareMonitor;
  /** Stop every service and release its processes, timers and files. */
  dispose(): Promise<void>;
}

/** Build the core services from one config. */
export function createAppCore(config: AppCoreConfig = {}): AppCore {
  const env = config.env ?? process.env;
  const dataDir = config.dataDir ?? resolveDataDir(env);
  const settings = new SettingsStore({ dataDir });
  const hardware = createHardwareMonitor({ intervalMs: settings.get().sampler.intervalMs, env });
  return {
    dataDir,
    settings,
    hardware,
    async dispose() {
      await hardware.stop();
    },
  };
}
