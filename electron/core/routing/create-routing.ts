/**
 * Wires routing for one process from the core's services: the LM Studio client, other machines and
 * the cloud endpoint from the environment, free VRAM from the hardware monitor, the presets' in-flight
 * registry, evidence from the chat history and the benchmarks. The CLI, `loadout serve` and the tray app build it here.
 */
import { budgetFromSample } from '../../../shared/models/memory-fit';
import { buildEvidence, type BenchmarkSample } from '../../../shared/routing/build-evidence';
import type { RoutingPolicy } from '../../../shared/routing/types';
import { createChatService, type RequestEnergyRecorder } from '../chat/chat-service';
import type { ChatStore } from '../chat/chat-store';
import type { HardwareMonitor } from '../hardware/monitor-types';
import { createLmStudioClient } from '../lmstudio/client';
import type { LmStudioClient } from '../lmstudio/client-types';
import type { InFlightRegistry } from '../presets/in-flight-registry';
import { createRoutedChat, type RoutedChat } from './routed-chat';
import { readRoutingEndpoints } from './routing-endpoints';
import { busyInstanceIds, readRoutingState, type RoutingSnapshot } from './routing-state-source';
import { createSnapshotCache } from './snapshot-cache';

export interface RoutingFeatureOptions {
  lmstudio: LmStudioClient;
  env: NodeJS.ProcessEnv;
  origin: 'quick-chat' | 'cli' | 'endpoint';
  hardware?: Pick<HardwareMonitor, 'latest'>;
  inFlight?: InFlightRegistry;
  store?: ChatStore | null;
  /** Stored benchmark results as samples (speed, latency, stars per task), newest first. */
  benchmarks?: () => readonly BenchmarkSample[];
  energy?: RequestEnergyRecorder;
  policy?: Partial<RoutingPolicy>;
  /** Ask the smallest loaded model to classify unsure prompts (off by default). */
  classifyWithModel?: boolean;
  /** How long a read of LM Studio's state is reused (default fresh 2 s, served stale up to 30 s while refreshing). */
  snapshotCache?: { freshMs?: number; staleMs?: number };
  /** Use these instead of reading LOADOUT_REMOTES / LOADOUT_CLOUD_* (tests, settings). */
  endpoints?: ReturnType<typeof readRoutingEndpoints>;
}

export interface RoutingFeature {
  routedChat: RoutedChat;
  snapshot(signal?: AbortSignal): Promise<RoutingSnapshot>;
  /** Forget the cached view of LM Studio (after a preset switch, a load or an unload). */
  invalidate(): void;
  /** Lines about skipped endpoint configuration. */
  problems: string[];
  /** Whether a cloud fallback is configured (it is only used when in doubt or nothing local fits). */
  cloudEnabled: boolean;
}

/** Build the routing feature. */
export function createRoutingFeature(options: RoutingFeatureOptions): RoutingFeature {
  const config = options.endpoints ?? readRoutingEndpoints(options.env);
  const { LM_API_TOKEN: _ignored, LOADOUT_LMSTUDIO_URL: _url, ...remoteEnv } = options.env;
  const remotes = config.remotes.map((r) => ({
    id: r.id,
    label: r.label,
    client: createLmStudioClient({ baseUrl: r.baseUrl, env: remoteEnv, getToken: () => r.token, getRetries: 0 }),
  }));
  const cache = createSnapshotCache(() => readRoutingState({
    lmstudio: options.lmstudio,
    remotes,
    cloud: config.cloud,
    vramFreeBytes: () => budgetFromSample(options.hardware?.latest() ?? null).vramFreeBytes,
    evidence: () => buildEvidence(options.store ? options.store.answerSamples() : [], options.benchmarks?.() ?? []),
  }), options.snapshotCache);
  // The cached view plus what changes by the millisecond: Loadout's own requests in flight.
  const snapshot = async (signal?: AbortSignal): Promise<RoutingSnapshot> => {
    const snap = await cache.get(signal);
    if (!options.inFlight) return snap;
    return { ...snap, state: { ...snap.state, busyInstances: busyInstanceIds(snap.state, options.inFlight) } };
  };
  const chat = createChatService({ inFlight: options.inFlight, energy: options.energy });
  const routedChat = createRoutedChat({ snapshot, chat, store: options.store ?? null, origin: options.origin, policy: options.policy, classifyWithModel: options.classifyWithModel, onStale: () => cache.invalidate() });
  return { routedChat, snapshot, invalidate: () => cache.invalidate(), problems: config.problems, cloudEnabled: config.cloud !== null };
}
