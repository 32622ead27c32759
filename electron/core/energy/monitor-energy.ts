/**
 * `loadout monitor` feeds the energy ledger too: this attaches an energy service to the command's own
 * hardware monitor, with the active preset from the settings and the loaded models from LM Studio.
 * When the tray app runs at the same time, one of the two holds the writer lease; nothing is counted twice.
 */
import { createLmStudioClient } from '../lmstudio/client';
import type { HardwareMonitor } from '../hardware/monitor-types';
import { resolveDataDir } from '../paths';
import { SettingsStore } from '../settings/settings-store';
import { EnergyContextSource } from './energy-context-source';
import { createEnergyService } from './energy-service';

/** How long the command's end waits for a locked database to let go before giving up on the unsaved readings. */
const CLOSE_GRACE_MS = 2000;

/**
 * Record the monitor's samples in the ledger of the data folder `env` points at; returns the detach-and-close
 * function, which resolves once the readings are written (or, the database staying locked, after a short grace).
 */
export function recordMonitorEnergy(
  monitor: Pick<HardwareMonitor, 'subscribe'>,
  env: NodeJS.ProcessEnv,
  onMessage: (message: string) => void,
): () => Promise<void> {
  const dataDir = resolveDataDir(env);
  const settings = new SettingsStore({ dataDir, onRecovered: onMessage });
  const lmstudio = createLmStudioClient({ env, settingsBaseUrl: settings.get().lmstudio.baseUrl });
  const context = new EnergyContextSource({
    activePresetId: () => settings.get().activePresetId,
    listLoaded: () => lmstudio.listLoaded(),
    isBusy: () => false,
  });
  const service = createEnergyService({
    dataDir,
    settings: () => settings.get(),
    getContext: () => context.current(),
    onMessage,
  });
  context.start();
  const detach = service.attach(monitor);
  return async () => {
    detach();
    context.stop();
    await service.close(CLOSE_GRACE_MS);
  };
}
