/**
 * The process's one router: one snapshot cache and one set of remote clients for the quick chat,
 * `loadout chat`/`route` and the OpenAI endpoint. Evidence comes from the one chat history and the one
 * benchmarks service; every load and unload Loadout makes (a preset switch, a benchmark's own load)
 * makes the cached view stale at once.
 */
import { benchSamples } from '../../../shared/bench/bench-evidence';
import type { BenchmarkSample } from '../../../shared/routing/build-evidence';
import type { BenchService } from '../bench/bench-service';
import type { RequestEnergyRecorder } from '../chat/chat-service';
import type { HardwareMonitor } from '../hardware/monitor-types';
import type { ObservedLmStudioClient } from '../lmstudio/load-events';
import type { PresetsService } from '../presets/presets-service';
import { createRoutingFeature, type RoutingFeature } from '../routing/create-routing';
import type { FleetView } from '../routing/fleet-endpoints';
import type { LmLinkState } from '../fleet/lm-link';
import type { SecretGetter } from '../routing/settings-endpoints';
import type { SettingsStore } from '../settings/settings-store';
import type { ChatHistory } from './chat-history';

/** The core services routing reads (spelled out, not taken from AppCore, so this folder never imports app-core.ts back). */
export interface RoutingCore {
  lmstudio: ObservedLmStudioClient;
  hardware: HardwareMonitor;
  presets: Pick<PresetsService, 'inFlight' | 'onLoadedChanged'>;
  settings: SettingsStore;
  getSecret: SecretGetter;
  /** The fleet watch (`core.fleet`): other machines' Loadout agents join the candidates. */
  fleet?: FleetView;
  /** Gaming mode: while a game holds the GPU, the local machine is skipped. */
  gaming?: { holdsGpu(): boolean };
  /** LM Link's last reading: the machine serving localhost:1234 is routed to once. */
  lmLink?: () => Pick<LmLinkState, 'available' | 'servedBy'> | null;
}

export interface CoreRoutingParts {
  core: RoutingCore;
  env: NodeJS.ProcessEnv;
  history: ChatHistory;
  /** The benchmarks service, asked only when loadout.db exists (reading evidence never creates it). */
  bench: () => BenchService;
  energy: RequestEnergyRecorder;
  /** Messages a person should see (a history write that failed). */
  onMessage: (message: string) => void;
}

/** Build the router over the core's services. */
export function createCoreRouting(parts: CoreRoutingParts): RoutingFeature {
  const { core, history } = parts;
  // A benchmark's load and unload go through the client, a switch through the presets service: either makes the view stale.
  const loadedChanges = {
    onLoadedChanged(listener: () => void) {
      const offPresets = core.presets.onLoadedChanged(listener);
      const offClient = core.lmstudio.onLoadedChanged(() => listener());
      return () => {
        offPresets();
        offClient();
      };
    },
  };
  return createRoutingFeature({
    lmstudio: core.lmstudio,
    hardware: core.hardware,
    inFlight: core.presets.inFlight,
    settings: core.settings,
    getSecret: core.getSecret,
    fleet: core.fleet,
    localUnavailable: () => core.gaming?.holdsGpu() ?? false,
    lmLink: core.lmLink,
    env: parts.env,
    // A call says where it comes from (RouteCall.origin); a call that does not is the CLI's.
    origin: 'cli',
    store: history.store,
    readStore: history.existing,
    benchmarks: () => storedBenchSamples(history, parts.bench),
    energy: parts.energy,
    presets: loadedChanges,
    onMessage: parts.onMessage,
  });
}

/** The stored benchmark results as router samples; none without loadout.db or when unreadable (routing never fails over them). */
function storedBenchSamples(history: ChatHistory, bench: () => BenchService): BenchmarkSample[] {
  if (!history.existing()) return [];
  try {
    return benchSamples(bench().list());
  } catch {
    return [];
  }
}
