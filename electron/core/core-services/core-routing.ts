/**
 * The process's one router: one snapshot cache and one set of remote clients for the quick chat,
 * `loadout chat`/`route` and the OpenAI endpoint. Evidence comes from the one chat history and the one
 * benchmarks service; every load and unload Loadout makes (a preset switch, a benchmark's own load)
 * makes the cached view stale at once.
 */
import { benchSamples } from '../../../shared/bench/bench-evidence';
import type { BenchmarkSample } from '../../../shared/routing/build-evidence';
import type { AppCore } from '../app-core';
import type { BenchService } from '../bench/bench-service';
import type { RequestEnergyRecorder } from '../chat/chat-service';
import type { RoutingFeature } from '../routing/create-routing';
import { routingFromCore } from '../routing/routing-from-core';
import type { ChatHistory } from './chat-history';

export interface CoreRoutingParts {
  core: Pick<AppCore, 'lmstudio' | 'hardware' | 'presets' | 'settings' | 'getSecret'>;
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
  return routingFromCore(core, {
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
