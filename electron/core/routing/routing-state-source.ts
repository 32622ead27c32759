/**
 * Builds the router's view of the world from live state: this machine's LM Studio catalog with its
 * loaded instances (through the LM Studio client), other machines' LM Studio, the optional cloud
 * endpoint, free VRAM and the evidence from past answers; Loadout's own in-flight requests are
 * marked at decision time (busyInstanceIds), since a snapshot may be reused for a moment.
 */
import type { CatalogModel } from '../../../shared/lmstudio/types';
import type { RoutingEndpoint, RoutingEvidence, RoutingState } from '../../../shared/routing/types';
import type { ChatEndpoint } from '../chat/chat-service';
import { isLmStudioError, type LmStudioClient } from '../lmstudio/client-types';
import { describeLmStudioUrl } from '../lmstudio/base-url';
import { readAgentEndpoints, type FleetView } from './fleet-endpoints';
import type { CloudEndpointConfig } from './routing-endpoints';

export const LOCAL_ENDPOINT_ID = 'local';

export interface RemoteLmStudio {
  id: string;
  label: string;
  client: LmStudioClient;
}

export interface RoutingStateSourceOptions {
  lmstudio: LmStudioClient;
  remotes?: RemoteLmStudio[];
  cloud?: CloudEndpointConfig | null;
  /** Free VRAM on this machine now (latest hardware sample); null = unknown. */
  vramFreeBytes?: () => number | null;
  evidence?: () => RoutingEvidence;
  /** How long to wait for another machine's catalog, ms (a slow machine must not stall the question). */
  remoteTimeoutMs?: number;
  /**
   * How long to wait for an agent's socket and catalog, ms (default 4000): the watch keeps the socket
   * open, so this only runs long on a first contact (a CLI core connects, checks the contract, then asks).
   */
  agentTimeoutMs?: number;
  /** Other machines' Loadout agents (the fleet watch): their catalogs join the candidates. */
  fleet?: FleetView;
}

export interface RoutingSnapshot {
  state: RoutingState;
  /** Where to send a chat for each endpoint id. */
  chatEndpoints: Map<string, ChatEndpoint>;
  /** Why an endpoint is unreachable, per id. */
  unreachable: Map<string, string>;
}

/** A catalog entry standing for the cloud model, so the router scores it like any other. */
export function cloudCatalogModel(cloud: CloudEndpointConfig): CatalogModel {
  return {
    key: cloud.model,
    displayName: `${cloud.model} (cloud)`,
    type: cloud.vision ? 'vlm' : 'llm',
    publisher: null,
    architecture: null,
    quantization: null,
    bitsPerWeight: null,
    sizeBytes: null,
    paramsString: null,
    format: null,
    maxContextLength: cloud.contextLength,
    capabilities: { vision: cloud.vision, toolUse: true, reasoning: false },
    path: null,
    loadedInstances: [],
  };
}

/** Instance ids of this machine serving one of Loadout's requests now (the presets' InFlightRegistry). */
export function busyInstanceIds(
  state: RoutingState,
  inFlight: { isBusy(instance: { instanceId: string; modelKey: string }): boolean },
): string[] {
  const busy: string[] = [];
  for (const ep of state.endpoints) {
    if (ep.kind !== 'local') continue;
    for (const m of ep.models)
      for (const inst of m.loadedInstances) if (inFlight.isBusy(inst)) busy.push(inst.instanceId);
  }
  return busy;
}

/** Read everything the router needs, in parallel; an endpoint that fails is marked unreachable with the reason. */
export async function readRoutingState(
  options: RoutingStateSourceOptions,
  signal?: AbortSignal,
): Promise<RoutingSnapshot> {
  const chatEndpoints = new Map<string, ChatEndpoint>();
  const unreachable = new Map<string, string>();
  const fetchEndpoint = async (
    id: string,
    label: string,
    kind: 'local' | 'remote',
    client: LmStudioClient,
    timeoutMs?: number,
  ): Promise<RoutingEndpoint> => {
    chatEndpoints.set(id, {
      id,
      label,
      kind,
      openAiBaseUrl: client.getOpenAiBaseUrl(),
      apiKey: await client.getToken(),
      where: describeLmStudioUrl(client.urlInUse()),
    });
    try {
      const models = await client.listModels({ signal, ...(timeoutMs ? { timeoutMs } : {}) });
      return { id, label, kind, reachable: true, models };
    } catch (error) {
      unreachable.set(id, error instanceof Error ? error.message : String(error));
      const cause = isLmStudioError(error, 'unauthorized')
        ? 'unauthorized'
        : isLmStudioError(error, 'not-lmstudio')
          ? 'not-lmstudio'
          : 'not-running';
      return { id, label, kind, reachable: false, unreachableCause: cause, models: [] };
    }
  };
  const jobs = [
    fetchEndpoint(LOCAL_ENDPOINT_ID, `LM Studio at ${options.lmstudio.getBaseUrl()}`, 'local', options.lmstudio),
  ];
  for (const r of options.remotes ?? [])
    jobs.push(fetchEndpoint(r.id, r.label, 'remote', r.client, options.remoteTimeoutMs ?? 1500));
  const [endpoints, agents] = await Promise.all([
    Promise.all(jobs),
    options.fleet ? readAgentEndpoints(options.fleet, options.agentTimeoutMs ?? 4000) : null,
  ]);
  if (agents) {
    endpoints.push(...agents.endpoints);
    for (const ep of agents.chatEndpoints) chatEndpoints.set(ep.id, ep);
    for (const [id, why] of agents.unreachable) unreachable.set(id, why);
  }
  if (options.cloud) {
    const c = options.cloud;
    endpoints.push({ id: 'cloud', label: c.label, kind: 'cloud', reachable: true, models: [cloudCatalogModel(c)] });
    chatEndpoints.set('cloud', {
      id: 'cloud',
      label: c.label,
      kind: 'cloud',
      openAiBaseUrl: c.openAiBaseUrl,
      apiKey: c.apiKey,
    });
  }
  return {
    state: { endpoints, vramFreeBytes: options.vramFreeBytes?.() ?? null, evidence: options.evidence?.() ?? {} },
    chatEndpoints,
    unreachable,
  };
}
