/**
 * The process's one gaming mode (`core.gaming`), over the core's settings, presets, LM Studio client and
 * hardware monitor, with the real detector. Built idle: the tray app and `loadout serve` call `start()`;
 * the CLI's in-process core never watches for games.
 */
import { listenerErrorsTo } from '../../../shared/events/listener-errors-to';
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { OpenedDatabase } from '../db/open-database';
import type { LmStudioClient } from '../lmstudio/client-types';
import type { PresetsService } from '../presets/presets-service';
import type { SettingsStore } from '../settings/settings-store';
import { createGameDetector } from './detect-games';
import type { GameDetector } from './game-check';
import { openGamingLedger, type GamingLedger } from './gaming-ledger';
import { GamingMode, type GamingModeDeps } from './gaming-mode';

/** While a game runs the monitor samples every 10 s instead of every second, so Loadout does not keep the GPU awake. */
export const GAMING_SAMPLE_MS = 10_000;

export interface CoreGamingParts {
  settings: SettingsStore;
  presets: PresetsService;
  lmstudio: Pick<LmStudioClient, 'listLoaded'>;
  hardware: { latest(): HardwareSample | null; setPace?(ms: number | null): void; watchGpuProcesses?(): () => void };
  onMessage: (message: string) => void;
  /** Where the sessions are kept (loadout.db, beside the energy ledger); absent: only in memory. */
  dataDir?: string;
  /** Tests inject a detector; default the real one (process list, store folders, fullscreen, VRAM). */
  detector?: GameDetector;
  timers?: GamingModeDeps['timers'];
}

/** Gaming mode and what the core closes at dispose: the sessions' connection to loadout.db. */
export interface CoreGaming {
  mode: GamingMode;
  /** Close the sessions' database connection (after `mode.stop()`); later sessions are kept only in memory. */
  close(): void;
}

/** Build gaming mode over the core's services (not started). */
export function createCoreGaming(parts: CoreGamingParts): CoreGaming {
  // The VRAM threshold needs the process list: once it is first used, the sampler keeps listing processes.
  let processWatch: (() => void) | null = null;
  const detector =
    parts.detector ??
    createGameDetector({
      gamingSettings: () => parts.settings.get().gaming,
      gpuProcesses: () => {
        processWatch ??= parts.hardware.watchGpuProcesses?.() ?? null;
        return parts.hardware.latest()?.gpuProcesses ?? null;
      },
    });
  // Opened on first use, so a CLI command that never looks at gaming neither opens nor creates loadout.db.
  let ledger: GamingLedger | null = null;
  let opened: OpenedDatabase | null = null;
  let tried = false;
  const ledgerNow = (): GamingLedger | null => {
    if (tried || !parts.dataDir) return ledger;
    tried = true;
    try {
      ({ ledger, opened } = openGamingLedger(parts.dataDir, parts.onMessage));
    } catch (error) {
      parts.onMessage(`Gaming sessions are kept only in memory: ${(error as Error).message}`);
    }
    return ledger;
  };
  const mode = new GamingMode({
    settings: parts.settings,
    presets: parts.presets,
    lmstudio: parts.lmstudio,
    detector,
    sampler: {
      slow: () => parts.hardware.setPace?.(GAMING_SAMPLE_MS),
      resume: () => parts.hardware.setPace?.(null),
    },
    timers: parts.timers,
    history: () => ledgerNow()?.latest(20) ?? [],
    energyWh: (session) => ledgerNow()?.energyWhOf(session) ?? null,
    onSession: (session) => {
      const kept = ledgerNow();
      if (!kept) return;
      try {
        kept.record(session);
      } catch (error) {
        parts.onMessage(`Could not keep the gaming session in the ledger: ${(error as Error).message}`);
      }
    },
    onListenerError: listenerErrorsTo(parts.onMessage, 'gaming mode'),
  });
  return {
    mode,
    close() {
      ledger = null;
      tried = true;
      opened?.close();
      opened = null;
    },
  };
}
