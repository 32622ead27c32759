/**
 * The services the composition root builds on first use: the chat history, the benchmarks service, the
 * router and the OpenAI endpoint's handler. Each exists at most once per process; `dispose` closes
 * whatever was built.
 */
import type { BenchRunnerDeps } from '../bench/bench-runner';
import type { BenchService } from '../bench/bench-service';
import { createBenchService } from '../bench/create-bench-service';
import type { RequestEnergyRecorder } from '../chat/chat-service';
import type { DbLockStatus } from '../db/db-lock-status';
import type { AppEnergy } from '../energy/app-energy';
import type { HardwareMonitor } from '../hardware/monitor-types';
import type { ObservedLmStudioClient } from '../lmstudio/load-events';
import type { PresetsService } from '../presets/presets-service';
import type { DelegationService } from '../delegation/delegation-types';
import type { RoutingFeature } from '../routing/create-routing';
import { createOpenAiEndpoint, type OpenAiEndpoint } from '../routing/openai-endpoint';
import type { SecretGetter } from '../routing/settings-endpoints';
import type { SettingsStore } from '../settings/settings-store';
import { processLocales } from '../process/os-locales';
import { resolveUserLocale } from '../../../shared/i18n/user-locale';
import { createChatHistory, type ChatHistory } from './chat-history';
import { createDelegationLedgerPort, type DelegationLedgerPort } from './delegation-ledger-port';
import { createCoreDelegation } from './core-delegation';
import type { FleetView } from '../routing/fleet-endpoints';
import type { LmLinkState } from '../fleet/lm-link';
import { createCoreRouting } from './core-routing';
import { lazy } from './lazy';

/** How the benchmarks service runs (the CLI and tests choose). */
export interface BenchConfig {
  /** Overrides for tests (answer budgets, sample waits). */
  runner?: Partial<Pick<BenchRunnerDeps, 'suite' | 'warmupTokens' | 'sampleWaitMs'>>;
  /** Record each answer in the energy ledger (default on); the CLI skips it, as it waits for a reading after each answer. */
  recordAnswerEnergy?: boolean;
  /** Where the benchmarks' notes go (default: the core's onMessage). */
  onMessage?: (message: string) => void;
}

export interface BaseServices {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  version: string;
  settings: SettingsStore;
  hardware: HardwareMonitor;
  lmstudio: ObservedLmStudioClient;
  presets: PresetsService;
  energy: AppEnergy;
  dbLock: DbLockStatus;
  getSecret: SecretGetter;
  onMessage: (message: string) => void;
  bench?: BenchConfig;
  /** Gaming mode: while a game holds the GPU, `ask` declines and routing skips this machine. */
  gaming?: { holdsGpu(): boolean };
  /** The other machines' agents (the fleet watch), routed to by live availability. */
  fleet?: FleetView;
  /** LM Link's last reading: the machine serving localhost:1234 is routed to once. */
  lmLink?: () => Pick<LmLinkState, 'available' | 'servedBy'> | null;
}

export interface LazyServices {
  chat: () => ChatHistory;
  bench: () => BenchService;
  routing: () => RoutingFeature;
  openAiEndpoint: () => OpenAiEndpoint;
  delegationLedger: () => DelegationLedgerPort;
  delegation: () => DelegationService;
  /** Asks waiting in the delegation line now (0 while no ask was made: nothing is built to count them). */
  waitingAsks: () => number;
  dispose(): void;
}

/** Prepare the lazily built services over the core's base services. */
export function createLazyServices(base: BaseServices): LazyServices {
  // Answers reach the energy ledger (opened on first use), so each one knows its Wh: as soon as it settles, not after the row's batched write.
  const energy: RequestEnergyRecorder = {
    recordRequest: (input) => base.energy.service().tracker.requestEnergy(input),
  };
  const chat = lazy(() => createChatHistory(base.dataDir, base.onMessage, base.dbLock.writer('chat')));
  const bench = lazy(() =>
    createBenchService({
      dataDir: base.dataDir,
      lmstudio: base.lmstudio,
      presets: base.presets,
      hardware: base.hardware,
      loadoutVersion: base.version,
      energy: base.bench?.recordAnswerEnergy === false ? undefined : energy,
      onMessage: base.bench?.onMessage ?? base.onMessage,
      runner: base.bench?.runner,
    }),
  );
  const routing = lazy(() =>
    createCoreRouting({
      core: base,
      env: base.env,
      history: chat.get(),
      bench: bench.get,
      energy,
      onMessage: base.onMessage,
    }),
  );
  const openAiEndpoint = lazy(() =>
    createOpenAiEndpoint({ routing: routing.get(), inFlight: base.presets.inFlight, energy, store: chat.get().store }),
  );
  // Money is kept in the user's currency of the moment (energy.currency, else the locale's), as the energy reports price it.
  const delegationLedger = lazy(() =>
    createDelegationLedgerPort({
      dataDir: base.dataDir,
      onMessage: base.onMessage,
      onLockState: base.dbLock.writer('delegations'),
      currency: () => resolveUserLocale(base.settings.get(), processLocales(base.env)).currency,
    }),
  );
  const delegation = lazy(() =>
    createCoreDelegation({
      routing: routing.get,
      settings: base.settings,
      ledger: delegationLedger.get,
      onMessage: base.onMessage,
      gamingHoldsGpu: () => base.gaming?.holdsGpu() ?? false,
    }),
  );
  return {
    chat: chat.get,
    bench: bench.get,
    routing: routing.get,
    openAiEndpoint: openAiEndpoint.get,
    delegationLedger: delegationLedger.get,
    delegation: delegation.get,
    waitingAsks: () => delegation.peek()?.queue.counts().waiting ?? 0,
    dispose() {
      delegationLedger.peek()?.close();
      routing.peek()?.dispose();
      bench.peek()?.dispose();
      chat.peek()?.close();
    },
  };
}
