/**
 * The energy feature inside the app core: subscribes to the hardware monitor and opens the ledger at
 * the first sample (so commands that never sample never create loadout.db), with the context taken
 * from the presets service and LM Studio (re-read at once after every load or unload run through the client).
 */
import type { DbLockStatus } from '../db/db-lock-status';
import type { ObservedLmStudioClient } from '../lmstudio/load-events';
import type { HardwareMonitor } from '../hardware/monitor-types';
import type { PresetsService } from '../presets/presets-service';
import type { SettingsStore } from '../settings/settings-store';
import type { EnergyContext } from '../../../shared/energy/types';
import { EnergyContextSource } from './energy-context-source';
import { createEnergyService, type EnergyService } from './energy-service';

export interface AppEnergyDeps {
  dataDir: string;
  settings: SettingsStore;
  hardware: Pick<HardwareMonitor, 'subscribe'>;
  presets: Pick<PresetsService, 'list' | 'inFlight' | 'onChanged'>;
  /** The core's client: the same one every load and unload goes through, so its events cover them all. */
  lmstudio: Pick<ObservedLmStudioClient, 'listLoaded' | 'onLoadedChanged'>;
  onMessage?: (message: string) => void;
  /** Where the ledger's writers say whether another process's lock keeps rows out. */
  lockStatus?: Pick<DbLockStatus, 'writer'>;
  /** The OS locales (most preferred first), used when the UI language setting is "auto"; default: this process's. */
  osLocales?: readonly string[];
}

export interface AppEnergy {
  /** The energy service (tracker, ledger, watchdog), created on first use. */
  service(): EnergyService;
  /** What a sample measured now is attributed to: the active preset, the loaded models, Loadout's requests in flight. */
  context(): EnergyContext;
  dispose(): void;
}

/** Wire energy tracking to the core's monitor, presets and LM Studio client. */
export function createAppEnergy(deps: AppEnergyDeps): AppEnergy {
  let service: EnergyService | null = null;
  let activePresetId = deps.presets.list().activePresetId;
  const context = new EnergyContextSource({
    activePresetId: () => activePresetId,
    listLoaded: () => deps.lmstudio.listLoaded(),
    isBusy: (instance) => deps.presets.inFlight.isBusy(instance),
  });
  // The list's change event, not a switch's progress: a switch records its preset after its last ("done") step,
  // so reading on progress kept the previous preset (the README's monitor showed "(no preset)" under Multi-agent).
  const offChanged = deps.presets.onChanged((list) => {
    activePresetId = list.activePresetId;
  });
  const offLoads = deps.lmstudio.onLoadedChanged((change) => void context.applyChange(change));
  const get = (): EnergyService => {
    if (!service) {
      service = createEnergyService({
        dataDir: deps.dataDir,
        settings: () => deps.settings.get(),
        getContext: () => context.current(),
        onMessage: deps.onMessage,
        lockStatus: deps.lockStatus,
        osLocales: deps.osLocales,
      });
      context.start();
    }
    return service;
  };
  const offSamples = deps.hardware.subscribe((sample) => get().tracker.ingest(sample));
  return {
    service: get,
    context: () => context.current(),
    dispose() {
      offSamples();
      offChanged();
      offLoads();
      context.stop();
      service?.dispose();
      service = null;
    },
  };
}
