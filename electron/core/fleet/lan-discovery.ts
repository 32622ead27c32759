/**
 * Optional LAN discovery (issue 18): an agent announces `_loadout._tcp` over mDNS/DNS-SD and the
 * main machine browses for it, so the user can pick it instead of typing its address. Discovery
 * only finds addresses: adding one still takes its token and pins its certificate fingerprint,
 * so the announcement carries nothing secret (name, port, versions and scheme only).
 */
import net from 'node:net';
import { Bonjour, type Service, type ServiceConfig } from 'bonjour-service';
import type { Machine } from '../../../shared/settings/schema';

/** DNS-SD service type, announced as `_loadout._tcp.local`. */
export const LOADOUT_SERVICE_TYPE = 'loadout';

export interface AgentAnnouncement {
  /** The machine's name as offered for `machines add` (its host name). */
  name: string;
  port: number;
  /** The agent's Loadout version. */
  version: string;
  /** Its APP_CONTRACT_VERSION, so an incompatible agent can be told apart before adding it. */
  contractVersion: number;
  scheme: 'http' | 'https';
}

/** One agent found on the LAN. */
export interface FoundAgent {
  name: string;
  /** The URL to add it with: its first usable address, its port and its scheme. */
  url: string;
  addresses: string[];
  port: number;
  scheme: 'http' | 'https';
  version: string | null;
  contractVersion: number | null;
  /** True when a machine in `machines` already points at this address and port. */
  added: boolean;
}

/** A bonjour instance, injected by tests; the real one opens the multicast socket. */
export type BonjourLike = Pick<Bonjour, 'publish' | 'find' | 'destroy'>;

/** The DNS-SD record an agent publishes: TXT holds only public facts, never a token. */
export function announcementRecord(a: AgentAnnouncement): ServiceConfig {
  return {
    name: a.name,
    type: LOADOUT_SERVICE_TYPE,
    protocol: 'tcp',
    port: a.port,
    txt: { version: a.version, contract: String(a.contractVersion), scheme: a.scheme },
  };
}

export interface Announcer {
  /** Send the goodbye packet and close the socket; safe to call more than once. */
  stop(): Promise<void>;
}

/** Announce this agent on the LAN until `stop()`. `onError` hears a socket failure (discovery then just stops). */
export function announceAgent(
  a: AgentAnnouncement,
  options: { bonjour?: BonjourLike; onError?: (error: unknown) => void } = {},
): Announcer {
  const bonjour = options.bonjour ?? new Bonjour({}, (error: unknown) => options.onError?.(error));
  const service = bonjour.publish(announcementRecord(a));
  service.on('error', (error: unknown) => options.onError?.(error));
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => service.stop?.(() => resolve())).finally(() => bonjour.destroy());
      return stopped;
    },
  };
}

/** Prefer a routable IPv4 address, then any IPv4, then a non-link-local IPv6. */
function pickAddress(addresses: string[]): string | null {
  const v4 = addresses.filter((x) => net.isIPv4(x));
  const v6 = addresses.filter((x) => net.isIPv6(x));
  return (
    v4.find((x) => !x.startsWith('169.254.')) ?? v4[0] ?? v6.find((x) => !x.toLowerCase().startsWith('fe80:')) ?? null
  );
}

const hostPort = (url: string): string | null => {
  try {
    const u = new URL(url);
    return `${u.hostname.replace(/^\[|\]$/g, '').toLowerCase()}:${u.port}`;
  } catch {
    return null;
  }
};

/** What a found service means for the user; null when it is not a usable Loadout agent (no address, bad port). */
export function foundAgentFromService(service: Service, machines: readonly Machine[]): FoundAgent | null {
  const txt = (service.txt ?? {}) as Record<string, unknown>;
  const addresses = service.addresses ?? [];
  const address = pickAddress(addresses);
  if (!address || !Number.isInteger(service.port) || service.port < 1 || service.port > 65535) return null;
  const scheme = txt.scheme === 'http' ? 'http' : 'https';
  const url = `${scheme}://${net.isIPv6(address) ? `[${address}]` : address}:${service.port}`;
  const contract = Number(txt.contract);
  const known = new Set(machines.map((m) => hostPort(m.url)));
  return {
    name: service.name,
    url,
    addresses,
    port: service.port,
    scheme,
    version: typeof txt.version === 'string' && txt.version ? txt.version : null,
    contractVersion: Number.isInteger(contract) && contract > 0 ? contract : null,
    added: addresses.some((x) => known.has(`${x.toLowerCase()}:${service.port}`)),
  };
}

/** Browse `_loadout._tcp` for `seconds`, then answer every agent found (one row per name), sorted by name. */
export async function browseAgents(options: {
  seconds: number;
  machines: readonly Machine[];
  bonjour?: BonjourLike;
  onError?: (error: unknown) => void;
}): Promise<FoundAgent[]> {
  const bonjour = options.bonjour ?? new Bonjour({}, (error: unknown) => options.onError?.(error));
  const found = new Map<string, FoundAgent>();
  const browser = bonjour.find({ type: LOADOUT_SERVICE_TYPE, protocol: 'tcp' }, (service) => {
    const agent = foundAgentFromService(service, options.machines);
    if (agent) found.set(agent.name, agent);
  });
  await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000));
  browser.stop();
  bonjour.destroy();
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}
