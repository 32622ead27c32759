/**
 * Other machines' Loadout agents as routing endpoints (issue 18, Deliver 6). Each online agent's
 * catalog comes through its own contract (`models.list`, read with the cached routing view); what it is
 * doing now (busy models, queue, GPU utilization, online or not) comes from the fleet watch at each
 * decision, since it changes by the second. An offline agent is an unreachable endpoint: never chosen.
 */
import type { ContractClient } from '../../../shared/contract/client';
import type { MachineSnapshot } from '../../../shared/contract/fleet';
import type { MachineLoad, RoutingEndpoint, RoutingState } from '../../../shared/routing/types';
import type { ChatEndpoint } from '../chat/chat-service';

/** What routing reads of the fleet watch (`core.fleet`); tests pass fakes. */
export interface FleetView {
  /** What the watch last saw of each machine. */
  snapshot(): readonly MachineSnapshot[];
  /** The open contract client to a Loadout agent; rejects when it cannot be reached. */
  client(name: string): Promise<ContractClient>;
}

/** The endpoint id of a Loadout agent. */
export function agentEndpointId(machine: string): string {
  return `agent:${machine}`;
}

/**
 * Whether to send to a machine: online, or never looked at yet (a CLI core whose watch is not
 * running: one try through its agent decides). An agent the watch saw go offline is never chosen.
 */
export function mayAsk(m: MachineSnapshot): boolean {
  return m.online || (m.since === null && m.lastSeen === null);
}

/** A machine's load as the router weighs it. */
export function machineLoad(m: MachineSnapshot): MachineLoad {
  let gpu: number | null = null;
  for (const g of m.gpus)
    if (g.utilizationPercent !== null && (gpu === null || g.utilizationPercent > gpu)) gpu = g.utilizationPercent;
  return { busyModels: m.busyModels, queue: m.queue, gpuUtilizationPercent: gpu };
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Read each online agent's catalog through its contract; one that fails is unreachable, with the reason. */
export async function readAgentEndpoints(
  fleet: FleetView,
  timeoutMs: number,
): Promise<{ endpoints: RoutingEndpoint[]; chatEndpoints: ChatEndpoint[]; unreachable: Map<string, string> }> {
  const unreachable = new Map<string, string>();
  const agents = fleet.snapshot().filter((m) => m.kind === 'loadout');
  const endpoints = await Promise.all(
    agents.map(async (m): Promise<RoutingEndpoint> => {
      const id = agentEndpointId(m.name);
      const base = { id, label: m.name, kind: 'remote' as const, machine: m.name, load: machineLoad(m) };
      if (!mayAsk(m)) {
        unreachable.set(id, m.problem?.message ?? `"${m.name}" is offline`);
        return { ...base, reachable: false, unreachableCause: 'not-running', models: [] };
      }
      try {
        const client = await withTimeout(fleet.client(m.name), timeoutMs, `"${m.name}"`);
        const listed = await withTimeout(client.call('models.list', undefined), timeoutMs, `"${m.name}"`);
        if (!listed.ok) throw new Error(listed.error.message);
        if (!listed.result.reachable)
          throw new Error(listed.result.message ?? `LM Studio on "${m.name}" is not reachable`);
        return { ...base, reachable: true, models: listed.result.catalog };
      } catch (error) {
        unreachable.set(id, error instanceof Error ? error.message : String(error));
        return { ...base, reachable: false, unreachableCause: 'not-running', models: [] };
      }
    }),
  );
  const chatEndpoints = agents.map((m): ChatEndpoint => ({
    id: agentEndpointId(m.name),
    label: m.name,
    kind: 'remote',
    openAiBaseUrl: m.url,
    apiKey: null,
    agent: m.name,
  }));
  return { endpoints, chatEndpoints, unreachable };
}

/**
 * The cached view with the fleet's live state on top: an agent that went offline since the catalog was
 * read is unreachable now, and each agent's busy models, queue and GPU are as the watch last saw them.
 */
export function withLiveFleet(state: RoutingState, fleet: FleetView): RoutingState {
  const live = new Map(fleet.snapshot().map((m) => [agentEndpointId(m.name), m]));
  let changed = false;
  const endpoints = state.endpoints.map((ep) => {
    const m = ep.machine !== undefined ? live.get(ep.id) : undefined;
    if (!m) return ep;
    changed = true;
    return { ...ep, reachable: ep.reachable && mayAsk(m), load: machineLoad(m) };
  });
  return changed ? { ...state, endpoints } : state;
}
