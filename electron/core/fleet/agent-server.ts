/**
 * A fleet agent (issue 18): what `loadout serve` and the tray app with remote access both start, so the
 * two are one code path. The transport is decided first (HTTPS off loopback with the stored self-signed
 * certificate, plain HTTP on loopback or a tailnet, `insecure` knowingly), then the gated server with the
 * app contract WebSocket and /metrics behind the token, then the LAN announcement when `fleet.discovery` is on.
 */
import os from 'node:os';
import type { ContractDispatch, ContractEventHub } from '../../../shared/contract';
import { APP_CONTRACT_VERSION } from '../../../shared/contract/app';
import { isLoopbackHost } from '../http/host-check';
import { startLoadoutServer, type LoadoutServer, type LoadoutServerOptions } from '../http/loadout-server';
import { loadOrCreateServeCertificate } from '../http/serve-certificate';
import { decideTransport, type TransportDecision } from '../http/transport-policy';
import { announceAgent, type BonjourLike } from './lan-discovery';

/** What the agent needs of the core: its folder (the certificate), version, and whether LAN discovery is on. */
export interface AgentCore {
  dataDir: string;
  version: string;
  settings: { get(): { fleet: { discovery: boolean } } };
}

export interface AgentServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Required off loopback (startLoadoutServer refuses to listen without one there). */
  token: string | null;
  dispatch: ContractDispatch;
  events: ContractEventHub;
  /** The built renderer (serve); null serves the API only (the tray app). */
  rendererDir: string | null;
  /** The Prometheus text for /metrics (behind the token); the face passes collectMetrics over its core. */
  metrics: () => Promise<string> | string;
  onClientCount?: LoadoutServerOptions['onClientCount'];
  attachToken?: string | null;
  openAi?: LoadoutServerOptions['openAi'];
  mcp?: LoadoutServerOptions['mcp'];
  /** HTTPS even on loopback or a tailnet. */
  forceTls?: boolean;
  /** Plain HTTP off loopback outside a tailnet (the token crosses the network in clear). */
  insecure?: boolean;
  /** Whether an address is loopback (default host-check's); tests take the off-loopback path on 127.0.0.1. */
  isLoopback?: (host: string) => boolean;
  /** The name announced on the LAN (default the host name). */
  machineName?: string;
  /** Tests inject the mDNS instance; the real one opens the multicast socket. */
  bonjour?: BonjourLike;
  /** One line per notice (a plain-HTTP warning, a new certificate, LAN discovery stopping). */
  log(line: string): void;
}

export interface AgentServer {
  server: LoadoutServer;
  transport: TransportDecision;
  /** The certificate's SHA-256 (colon-separated upper-case, as Node prints it) under HTTPS, else null. */
  fingerprint256: string | null;
  /** Whether it announces itself on the LAN. */
  announced: boolean;
  /** Stop announcing, then stop serving (open WebSockets are closed). */
  close(): Promise<void>;
}

/** Start an agent over `core`'s app API; rejects (with nothing left listening) when the transport or the bind fails. */
export async function startAgentServer(core: AgentCore, options: AgentServerOptions): Promise<AgentServer> {
  // Decided before anything starts: contradictory flags fail fast, and no token is ever served in clear by accident.
  const transport = decideTransport(
    { host: options.host, forceTls: options.forceTls, insecure: options.insecure },
    options.isLoopback,
  );
  if (transport.scheme === 'http' && transport.warning) options.log(transport.warning);
  const certificate =
    transport.scheme === 'https'
      ? await loadOrCreateServeCertificate({ dataDir: core.dataDir, onMessage: options.log })
      : null;
  const server = await startLoadoutServer({
    host: options.host,
    port: options.port,
    token: options.token,
    attachToken: options.attachToken,
    rendererDir: options.rendererDir,
    dispatch: options.dispatch,
    events: options.events,
    openAi: options.openAi,
    mcp: options.mcp,
    tls: certificate,
    isLoopbackPeer: options.isLoopback,
    metrics: options.metrics,
    onClientCount: options.onClientCount,
  });
  // LAN discovery (off by default): only an agent other machines can reach announces itself, and never its token.
  const offLoopback = !(options.isLoopback ?? isLoopbackHost)(options.host);
  const lan =
    offLoopback && core.settings.get().fleet.discovery
      ? announceAgent(
          {
            name: options.machineName ?? os.hostname(),
            port: server.port,
            version: core.version,
            contractVersion: APP_CONTRACT_VERSION,
            scheme: transport.scheme,
          },
          { bonjour: options.bonjour, onError: (error) => options.log(`LAN discovery stopped: ${String(error)}`) },
        )
      : null;
  return {
    server,
    transport,
    fingerprint256: certificate?.fingerprint256 ?? null,
    announced: lan !== null,
    async close() {
      await lan?.stop();
      await server.close();
    },
  };
}
