/**
 * Wires routing for one process from the core's services: the LM Studio client, other machines and
 * the cloud endpoint from the settings (the environment on top), free VRAM from the hardware monitor,
 * the presets' in-flight registry (and their switches, which make the cached view stale), evidence from
 * the chat history and the benchmarks. The CLI, `loadout serve` and the tray app build it here.
 */
import { budgetFromSample } from '../../../shared/models/memory-fit';
import { buildEvidence, type BenchmarkSample } from '../../../shared/routing/build-evidence';
import type { RoutingPolicy } from '../../../shared/routing/types';
import { defaultSettings, type Settings } from '../../../shared/settings/schema';
import { createChatService, type ChatService, type RequestEnergyRecorder } from '../chat/chat-service';
import type { ChatStore } from '../chat/chat-store';
import type { HardwareMonitor } from '../hardware/monitor-types';
import { createLmStudioClient } from '../lmstudio/client';
import type { LmStudioClient } from '../lmstudio/client-types';
import type { InFlightRegistry } from '../presets/in-flight-registry';
import { createAgentChat } from './agent-chat';
import { withLiveFleet, type FleetView } from './fleet-endpoints';
import { createRoutedChat, type RoutedChat, type RoutedChatOptions } from './routed-chat';
import type { RoutingEndpointsConfig } from './routing-endpoints';
import { busyInstanceIds, readRoutingState, type RemoteLmStudio, type RoutingSnapshot } from './routing-state-source';
import { resolveRoutingEndpoints, type SecretGetter } from './settings-endpoints';
import type { LmLinkState } from '../fleet/lm-link';
import { fleetWithoutLmLinkServed } from './lm-link-targets';
import { createSnapshotCache } from './snapshot-cache';
import { withLocalMachineUnavailable } from '../../../shared/routing/local-machine-unavailable';

export interface RoutingFeatureOptions {
  lmstudio: LmStudioClient;
  env: NodeJS.ProcessEnv;
  origin: 'quick-chat' | 'cli' | 'endpoint';
  hardware?: Pick<HardwareMonitor, 'latest'>;
  inFlight?: InFlightRegistry;
  /** The chat history: evidence and where answers are kept; a function is asked each time (the core opens it on first use). */
  store?: ChatStore | null | (() => ChatStore | null);
  /** Where evidence is read, when not `store` (the core reads only an existing loadout.db and opens it for writing). */
  readStore?: () => ChatStore | null;
  /** Stored benchmark results as samples (speed, latency, stars per task), newest first. */
  benchmarks?: () => readonly BenchmarkSample[];
  energy?: RequestEnergyRecorder;
  /** Wins over the settings (`--allow-load`); absent fields come from `routing.allowJitLoad`. */
  policy?: Partial<RoutingPolicy>;
  /** Ask the smallest loaded model to classify unsure prompts; absent = `routing.classifyWithModel` (off by default). */
  classifyWithModel?: boolean;
  /** The settings' `routing` section, read at each refresh of LM Studio's state (so a change applies without a restart). */
  settings?: { get(): Settings };
  /** Decrypts the stored cloud key and machine tokens (the tray app's safeStorage); the CLI has none. */
  getSecret?: SecretGetter;
  /** Preset switches and unloads: each one makes the cached view of LM Studio stale. */
  presets?: { onLoadedChanged(listener: () => void): () => void };
  /** How long a read of LM Studio's state is reused (default fresh 2 s, served stale up to 30 s while refreshing). */
  snapshotCache?: { freshMs?: number; staleMs?: number };
  /** Where a failed history write is said (once until one succeeds); default: stderr. */
  onMessage?: (message: string) => void;
  /** Use these instead of the settings and LOADOUT_REMOTES / LOADOUT_CLOUD_* (tests). */
  endpoints?: RoutingEndpointsConfig;
  /** Other machines' Loadout agents (the core's fleet watch): routed to by live availability. */
  fleet?: FleetView;
  /** True while this machine's models may not answer (gaming mode holds the GPU): routing skips the local machine. */
  localUnavailable?: () => boolean;
  /** LM Studio's LM Link as last read: the machine it serves localhost:1234 from is routed to once, as local. */
  lmLink?: () => Pick<LmLinkState, 'available' | 'servedBy'> | null;
}

export interface RoutingFeature {
  routedChat: RoutedChat;
  /** Answers through other machines' Loadout agents (the `/v1` endpoint uses it too); absent without a fleet. */
  agentChat?: ChatService;
  snapshot(signal?: AbortSignal): Promise<RoutingSnapshot>;
  /** Forget the cached view of LM Studio (after a preset switch, a load or an unload). */
  invalidate(): void;
  /** Lines about skipped endpoint configuration. */
  problems: string[];
  /** Whether a cloud fallback is configured (it is only used when in doubt or nothing local fits). */
  cloudEnabled: boolean;
  /** Stop listening to the presets service. */
  dispose(): void;
}

/** Build the routing feature. */
export function createRoutingFeature(given: RoutingFeatureOptions): RoutingFeature {
  // A request is never routed twice: the agent LM Link serves localhost:1234 from is reached through localhost.
  const lmLinkNow = () => given.lmLink?.() ?? null;
  const options = given.fleet ? { ...given, fleet: fleetWithoutLmLinkServed(given.fleet, lmLinkNow) } : given;
  // Read with each refresh of LM Studio's state, not per question: the settings store reads the file each time.
  const readAll = () => options.settings?.get() ?? defaultSettings();
  const readSettings = () => readAll().routing;
  let settings = readSettings();
  let machines = readAll().machines;
  let policy: Partial<RoutingPolicy> = { allowJitLoad: settings.allowJitLoad, ...options.policy };
  const { LM_API_TOKEN: _ignored, LOADOUT_LMSTUDIO_URL: _url, ...remoteEnv } = options.env;
  // The endpoints, rebuilt only when the routing settings change (remote clients keep their connections).
  let built: { source: string; config: RoutingEndpointsConfig; remotes: RemoteLmStudio[] } | null = null;
  const endpoints = () => {
    const lmLink = lmLinkNow();
    const source = options.endpoints ? '' : JSON.stringify([machines, settings.cloud, lmLink?.servedBy ?? null]);
    if (built && built.source === source) return built;
    const config =
      options.endpoints ?? resolveRoutingEndpoints(settings, machines, options.env, options.getSecret, lmLink);
    const remotes = config.remotes.map((r) => ({
      id: r.id,
      label: r.label,
      client: createLmStudioClient({
        baseUrl: r.baseUrl,
        baseUrlLabel: `the other machine "${r.label}" (routing endpoints)`,
        env: remoteEnv,
        getToken: () => r.token,
        getRetries: 0,
      }),
    }));
    built = { source, config, remotes };
    return built;
  };
  const evidenceStore = () =>
    options.readStore
      ? options.readStore()
      : typeof options.store === 'function'
        ? options.store()
        : (options.store ?? null);
  const cache = createSnapshotCache(() => {
    if (options.settings) {
      try {
        const all = readAll();
        settings = all.routing;
        machines = all.machines;
        policy = { allowJitLoad: settings.allowJitLoad, ...options.policy };
      } catch {
        // An unreadable settings file keeps the last good routing settings (the store reports it elsewhere).
      }
    }
    const { config, remotes } = endpoints();
    return readRoutingState({
      lmstudio: options.lmstudio,
      remotes,
      cloud: config.cloud,
      vramFreeBytes: () => budgetFromSample(options.hardware?.latest() ?? null).vramFreeBytes,
      evidence: () => buildEvidence(evidenceStore()?.answerSamples() ?? [], options.benchmarks?.() ?? []),
      fleet: options.fleet,
    });
  }, options.snapshotCache);
  // The cached view plus what changes by the millisecond: Loadout's own requests in flight, and
  // whether each other machine is online and busy now (the fleet watch's last look).
  const snapshot = async (signal?: AbortSignal): Promise<RoutingSnapshot> => {
    const cached = await cache.get(signal);
    const fleetSnap = options.fleet ? { ...cached, state: withLiveFleet(cached.state, options.fleet) } : cached;
    const snap = options.localUnavailable?.()
      ? { ...fleetSnap, state: withLocalMachineUnavailable(fleetSnap.state) }
      : fleetSnap;
    if (!options.inFlight) return snap;
    return { ...snap, state: { ...snap.state, busyInstances: busyInstanceIds(snap.state, options.inFlight) } };
  };
  const chat = createChatService({ inFlight: options.inFlight, energy: options.energy });
  const agentChat = options.fleet ? createAgentChat(options.fleet) : undefined;
  // Getters: a settings change (seen at the next refresh) applies to the next question.
  const routedOptions: RoutedChatOptions = {
    snapshot,
    chat,
    agentChat,
    store: options.store ?? null,
    origin: options.origin,
    onStale: () => cache.invalidate(),
    onMessage: options.onMessage,
    get policy() {
      return policy;
    },
    get classifyWithModel() {
      return options.classifyWithModel ?? settings.classifyWithModel;
    },
  };
  const routedChat = createRoutedChat(routedOptions);
  const unsubscribe = options.presets?.onLoadedChanged(() => cache.invalidate()) ?? (() => {});
  const initial = endpoints().config;
  return {
    routedChat,
    agentChat,
    snapshot,
    invalidate: () => cache.invalidate(),
    problems: initial.problems,
    cloudEnabled: initial.cloud !== null,
    dispose: () => void unsubscribe(),
  };
}
