/**
 * The composition root: builds every core service from one config. The tray app, the CLI and
 * `loadout serve` all start here, so they behave the same.
 */
import path from 'node:path';
import { DbLockStatus } from './db/db-lock-status';
import { DATABASE_FILE } from './db/open-database';
import type { BenchService } from './bench/bench-service';
import type { ChatHistory } from './core-services/chat-history';
import type { DelegationLedgerPort } from './core-services/delegation-ledger-port';
import { createLazyServices, type BenchConfig } from './core-services/lazy-services';
import type { DelegationService } from './delegation/delegation-types';
import { createAppEnergy, type AppEnergy } from './energy/app-energy';
import { createFleetWatch, type FleetWatch } from './fleet/fleet-watch';
import { createLanWatch, type LanWatch } from './fleet/lan-watch';
import { createLmLinkReader, type LmLinkReader } from './fleet/lm-link-reader';
import { createCoreGaming } from './gaming/core-gaming';
import type { GamingMode } from './gaming/gaming-mode';
import { createHardwareMonitor } from './hardware/hardware-monitor';
import type { HardwareMonitor } from './hardware/monitor-types';
import { ignoredLmStudioUrlNotes } from './lmstudio/base-url';
import { createLmStudioClient } from './lmstudio/client';
import { withLoadEvents, type ObservedLmStudioClient } from './lmstudio/load-events';
import { latestOrFirstSample } from './presets/first-sample';
import { createSharedInFlightRegistry } from './presets/in-flight-table';
import { PresetsService } from './presets/presets-service';
import { resolveDataDir } from './paths';
import { appVersion } from './process/app-version';
import { listenerErrorsTo } from '../../shared/events/listener-errors-to';
import type { RoutingFeature } from './routing/create-routing';
import type { OpenAiEndpoint } from './routing/openai-endpoint';
import { machineToken, type SecretGetter } from './routing/settings-endpoints';
import { SettingsStore, type SettingsStoreOptions } from './settings/settings-store';

export interface AppCoreConfig {
  /** The data folder; default from LOADOUT_HOME or the platform's app data folder. */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  /** LM Studio base URL from `--lmstudio URL`; wins over LOADOUT_LMSTUDIO_URL and the settings. */
  lmstudioUrl?: string;
  /** The app's decrypted API token source (after LM_API_TOKEN). */
  getLmStudioToken?: () => Promise<string | null> | string | null;
  /** How config.json is opened (the tray app passes electron-store; default conf). */
  openSettingsConf?: SettingsStoreOptions['openConf'];
  /** Decrypts the stored routing secrets (the tray app's safeStorage); default none (the CLI reads environment variables). */
  getSecret?: SecretGetter;
  /** Messages a person should see from background work (loadout.db locked or damaged, readings dropped); default: stderr. */
  onMessage?: (message: string) => void;
  /** What this process is ("loadout chat", "the tray app"): another process names it when it refuses to unload a model this one streams. */
  origin?: string;
  /** How the benchmarks service runs (the CLI and tests). */
  bench?: BenchConfig;
}

export interface AppCore {
  dataDir: string;
  settings: SettingsStore;
  /** GPU, CPU and RAM sampler (not started: call `hardware.start()` where live data is needed). */
  hardware: HardwareMonitor;
  /** LM Studio: REST v1, v0 + lms. Every load and unload of the app goes through it; `onLoadedChanged` tells caches at once. */
  lmstudio: ObservedLmStudioClient;
  /** Presets: list/edit, plan, apply with progress, unload; its `inFlight` registry is shared with chat. */
  presets: PresetsService;
  /** Energy ledger fed by `hardware`'s samples (opened at the first sample); `energy.service()` gives tracker, ledger and watchdog. */
  energy: AppEnergy;
  /** Gaming mode: a game takes the GPU, the models come back after (idle until `gaming.start()`: the tray app and serve). */
  gaming: GamingMode;
  /** Whether another program holds loadout.db locked, so rows wait in memory (the windows' banner, the tray). */
  dbLock: DbLockStatus;
  /** A stored secret (cloud API key, another machine's token), decrypted; null when none or not readable in this process. */
  getSecret: SecretGetter;
  version: string;
  /** The one router (one snapshot cache, one set of remote clients), built on first use; each call says its origin and flags. */
  readonly routing: RoutingFeature;
  /** The one chat history on loadout.db, opened on first use. */
  readonly chat: ChatHistory;
  /** The one benchmarks service; its stored results are the router's benchmark evidence. */
  readonly bench: BenchService;
  /** The OpenAI-compatible endpoint's `/v1` handler over `routing`, built on first use. */
  readonly openAiEndpoint: OpenAiEndpoint;
  /** The delegation ledger (every MCP `ask`): the delegation core records through it, the faces read its summaries. */
  readonly delegationLedger: DelegationLedgerPort;
  /** Work an agent hands to the local models (MCP `ask`, `delegation.ask`), conservatively; built on first use. */
  readonly delegation: DelegationService;
  /**
   * The other machines on the desk (issue 18): one socket per agent, polled; not started (the tray app and
   * `loadout serve` call `fleet.start()`; it idles while `machines` is empty). `fleet.client(name)` is
   * that machine's open socket, for routing and the CLI.
   */
  fleet: FleetWatch;
  /**
   * Requests waiting on this machine now: delegation asks in line, and Loadout's answers (quick chat, the
   * endpoint, asks) beyond the first on one model, across this machine's Loadout processes. An agent reports
   * it in app.info, so the main machine's fleet snapshot and routing see it.
   */
  waitingRequests(): number;
  /** Loadout agents found on the LAN while `fleet` runs and `fleet.discovery` is on (`fleet.list`'s `discovered`). */
  lan: LanWatch;
  /** LM Studio's LM Link (`lms link status --json`), read rarely: its peers, and the device serving localhost:1234. */
  readonly lmLink: LmLinkReader;
  /** Stop every service and release its processes, timers and files. */
  dispose(): Promise<void>;
}

/** Build the core services from one config. */
export function createAppCore(config: AppCoreConfig = {}): AppCore {
  const env = config.env ?? process.env;
  const dataDir = config.dataDir ?? resolveDataDir(env);
  const onMessage = config.onMessage ?? ((message: string) => process.stderr.write(`loadout: ${message}\n`));
  // A listener that throws is isolated by the shared emitter and told here, where a person reads it.
  const settings = new SettingsStore({
    dataDir,
    openConf: config.openSettingsConf,
    onListenerError: listenerErrorsTo(onMessage, 'settings'),
  });
  const hardware = createHardwareMonitor({
    intervalMs: settings.get().sampler.intervalMs,
    env,
    dataDir,
    onListenerError: listenerErrorsTo(onMessage, 'hardware monitor'),
  });
  const lmstudio = withLoadEvents(
    createLmStudioClient({
      env,
      baseUrl: config.lmstudioUrl,
      settingsBaseUrl: settings.get().lmstudio.baseUrl,
      getToken: config.getLmStudioToken,
    }),
  );
  const dbLock = new DbLockStatus(
    path.join(dataDir, DATABASE_FILE),
    Date.now,
    listenerErrorsTo(onMessage, 'database lock status'),
  );
  // Answers in flight are rows in loadout.db, so a switch in another process never unloads a model this one streams.
  const inFlight = createSharedInFlightRegistry({
    dataDir,
    lmstudio: () => lmstudio.getOpenAiBaseUrl(),
    origin: config.origin ?? 'the Loadout app',
    onMessage,
    onState: dbLock.writer('in-flight'),
  });
  // While an answer runs, NVML reads the energy counter every sample, so the answer's energy is its own seconds'.
  inFlight.observe(() => hardware.holdEnergyFineGrain());
  const presets = new PresetsService({
    settings,
    client: lmstudio,
    getSample: () => latestOrFirstSample(hardware),
    inFlight,
    onListenerError: listenerErrorsTo(onMessage, 'presets'),
  });
  // An unusable --lmstudio or LOADOUT_LMSTUDIO_URL is not fatal (the next source is used), but never silent.
  for (const note of ignoredLmStudioUrlNotes(lmstudio.urlInUse())) onMessage(note);
  const energy = createAppEnergy({ dataDir, settings, hardware, presets, lmstudio, onMessage, lockStatus: dbLock });
  const { mode: gaming, close: closeGaming } = createCoreGaming({
    settings,
    presets,
    lmstudio,
    hardware,
    onMessage,
    dataDir,
  });
  const getSecret = config.getSecret ?? (() => null);
  const version = appVersion();
  const watch = createFleetWatch({
    machines: () => settings.get().machines,
    tokenFor: (machine) => machineToken(machine, env, getSecret),
  });
  const lan = createLanWatch({
    enabled: () => settings.get().fleet.discovery,
    machines: () => settings.get().machines,
    onError: (error) => onMessage(`LAN discovery stopped browsing: ${String(error)}`),
  });
  // The LAN browser runs exactly while the fleet watch does (tray app and serve) and fleet.discovery is on.
  const fleet: FleetWatch = {
    ...watch,
    start() {
      watch.start();
      lan.start();
    },
    async stop() {
      await Promise.all([lan.stop(), watch.stop()]);
    },
  };
  const lmLink = createLmLinkReader({ lmstudio, machines: () => settings.get().machines, env });
  const built = createLazyServices({
    dataDir,
    env,
    version,
    settings,
    hardware,
    lmstudio,
    presets,
    energy,
    dbLock,
    getSecret,
    onMessage,
    bench: config.bench,
    gaming,
    fleet,
    lmLink: () => lmLink.servedBy(),
  });
  return {
    dataDir,
    settings,
    hardware,
    lmstudio,
    presets,
    energy,
    dbLock,
    getSecret,
    version,
    gaming,
    fleet,
    lan,
    lmLink,
    get routing() {
      return built.routing();
    },
    get chat() {
      return built.chat();
    },
    get bench() {
      return built.bench();
    },
    get openAiEndpoint() {
      return built.openAiEndpoint();
    },
    get delegationLedger() {
      return built.delegationLedger();
    },
    get delegation() {
      return built.delegation();
    },
    waitingRequests: () => inFlight.waiting() + built.waitingAsks(),
    async dispose() {
      gaming.stop();
      closeGaming();
      await fleet.stop();
      built.dispose();
      await hardware.stop();
      energy.dispose();
      inFlight.dispose();
    },
  };
}
