/**
 * What the app API handlers need from the core. Every service but settings is optional: a process
 * without it (or a service not built yet) answers its methods with a typed `unavailable` error.
 */
import type { BenchService } from '../../bench/bench-service';
import type { DbLockStatus } from '../../db/db-lock-status';
import type { DelegationService } from '../../delegation/delegation-types';
import type { DelegationLedgerPort } from '../../core-services/delegation-ledger-port';
import type { AppEnergy } from '../../energy/app-energy';
import type { FleetWatch } from '../../fleet/fleet-watch';
import type { LanWatch } from '../../fleet/lan-watch';
import type { GamingMode } from '../../gaming/gaming-mode';
import type { HardwareMonitor } from '../../hardware/monitor-types';
import type { LmStudioClient } from '../../lmstudio/client-types';
import type { PresetsService } from '../../presets/presets-service';
import type { SettingsStore } from '../../settings/settings-store';
import type { QuickChatBackend } from '../quick-chat';
import type { ModelsStateCache } from '../models-state-cache';
import type { SecretCodec } from '../secret-codec';
import type { FleetState } from '../../../../shared/contract';
import type { RemoteAccessPort } from './remote-access-handlers';

export interface ApiServices {
  /** "electron" in the tray app, "serve" in `loadout serve`. */
  host: 'electron' | 'serve';
  version: string;
  /** The OS locale, e.g. "pt-BR". */
  locale: string;
  settings: SettingsStore;
  hardware?: HardwareMonitor;
  lmstudio?: LmStudioClient;
  /** `models.list` kept for a moment and dropped at each load or unload (absent: LM Studio is read at every call). */
  modelsState?: ModelsStateCache;
  presets?: PresetsService;
  /** The energy ledger, tracker and idle watchdog (opened on first use). */
  energy?: Pick<AppEnergy, 'service'>;
  /** Whether another program holds loadout.db locked, so rows wait in memory; absent in cores without a database. */
  dbLock?: Pick<DbLockStatus, 'current' | 'onChange'>;
  /** The quick chat: routed answers, dry routing, kept history and ratings. */
  chat?: QuickChatBackend;
  secrets?: SecretCodec;
  /** Work handed to the local models (`delegation.*`, the MCP `ask`). */
  delegation?: Pick<DelegationService, 'ask'>;
  /** Model benchmarks (`bench.*`). */
  bench?: BenchService;
  /** The delegation ledger's totals (`energy.delegations`). */
  delegations?: Pick<DelegationLedgerPort, 'delegationSummary'>;
  /** Requests waiting on this machine (app.info's `queue`, the fleet's "queued here"); absent: not reported. */
  waitingRequests?: () => number;
  /** The other machines on the desk, watched (`fleet.*`). */
  fleet?: FleetWatch;
  /** Agents found on the LAN (`fleet.list`'s `discovered`); absent: none offered. */
  lan?: Pick<LanWatch, 'found' | 'onChange' | 'refresh'>;
  /** Gaming mode (`gaming.*`): the tray app and serve run it. */
  gaming?: GamingMode;
  /** LM Studio's LM Link as the fleet shows it; absent: shown as not read here. */
  lmLink?: () => Promise<FleetState['lmLink']>;
  /** The tray app's remote access agent (`remoteAccess.*`); absent: answered as unavailable (e.g. `loadout serve`). */
  remoteAccess?: RemoteAccessPort;
  /** Told when LM Link's reading changes (read on its own while listened to); returns the unsubscribe function. */
  onLmLinkChange?: (listener: () => void) => () => void;
}
