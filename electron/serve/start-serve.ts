/**
 * The headless face (`loadout serve`): on top of one core, the built renderer, the app API over
 * WebSocket and (when asked) the OpenAI-compatible endpoint, behind one Host/Origin/token gate.
 */
import { createContractDispatch, createEventHub } from '../../shared/contract';
import type { AppCore } from '../core/app-core';
import { createAppApi } from '../core/api/create-app-api';
import { startAgentServer, type AgentServer } from '../core/fleet/agent-server';
import type { LoadoutServer } from '../core/http/loadout-server';
import type { TransportDecision } from '../core/http/transport-policy';
import type { BonjourLike } from '../core/fleet/lan-discovery';
import { collectMetrics } from '../core/metrics/collect-metrics';
import { generateToken } from '../core/http/token-auth';
import { logUnhandledRejections } from '../core/process/log-unhandled-rejections';
import { announceLoadoutServer } from '../core/attach/announce-server';
import { createMcpHttpEndpoint } from '../mcp/mcp-http-endpoint';

export interface ServeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  token: string | null;
  rendererDir: string;
  /** Serve `/v1/*` even when the settings leave the endpoint off (`--openai`). */
  openAi: boolean;
  /** Serve the MCP endpoint at /mcp (`--mcp`). */
  mcp?: boolean;
  /** `--tls`: HTTPS even on loopback or a tailnet. */
  forceTls?: boolean;
  /** `--insecure`: plain HTTP off loopback outside a tailnet (the token crosses the network in clear). */
  insecure?: boolean;
  /** Whether an address is loopback (default host-check's); tests take the off-loopback path on 127.0.0.1, bind and peer alike. */
  isLoopback?: (host: string) => boolean;
  env: NodeJS.ProcessEnv;
  /** The name announced on the LAN when `fleet.discovery` is on (default the host name). */
  machineName?: string;
  /** Tests inject the mDNS instance; the real one opens the multicast socket. */
  bonjour?: BonjourLike;
  /** Where problems and notices go (stderr), each a whole line prefixed `loadout serve:`. */
  writeErr: (text: string) => void;
}

export interface RunningServe {
  server: LoadoutServer;
  /** Whether `/v1/*` is served. */
  openAi: boolean;
  /** Whether `/mcp` is served. */
  mcp: boolean;
  /** HTTPS or plain HTTP, and why. */
  transport: TransportDecision;
  /** The stored certificate's SHA-256 fingerprint under HTTPS (for `machines add` to pin), else null. */
  fingerprint256: string | null;
  /** Stop serving and release the core; safe to call once. */
  close(): Promise<void>;
}

/** Start serving `core`. On a bind failure every part is released again and the error is rethrown. */
export async function startServe(core: AppCore, options: ServeOptions): Promise<RunningServe> {
  const log = (line: string) => options.writeErr(`loadout serve: ${line}\n`);
  // A hand edit of config.json while serving: said once per problem; the last good settings stay in force.
  const settingsNotice = core.settings.recoveryMessage;
  if (settingsNotice) log(settingsNotice);
  const offSettingsProblem = core.settings.onProblem((problem) => {
    log(problem ? problem.message : `Settings file ${core.settings.path} is readable again; its settings are in use.`);
  });
  core.hardware.start();
  // The other machines (issue 18): idle while `machines` is empty; an added one is watched without a restart.
  core.fleet.start();
  // Gaming mode (issue 19): idle while gaming.enabled is off; turned on in settings or by `loadout gaming on`.
  core.gaming.start();
  const events = createEventHub((error) => log(`an event listener failed: ${String(error)}`));
  const api = createAppApi(core, { host: 'serve', events, env: options.env });
  const dispatch = createContractDispatch(api.handlers, {
    onInternalError: (method, error) =>
      log(`${method} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  // The OpenAI-compatible endpoint is off unless asked for (--openai or settings.server.openAiEndpoint); it shares the quick chat's router.
  const openAi = options.openAi || core.settings.get().server.openAiEndpoint ? core.openAiEndpoint : null;
  for (const p of openAi?.problems ?? []) log(p);
  // MCP over Streamable HTTP, on the same app API as the WebSocket (one core, one busy view).
  const mcp = options.mcp
    ? createMcpHttpEndpoint({ dispatch, events, version: core.version, log: (line) => log(`mcp: ${line}`) })
    : null;
  const offRejections = logUnhandledRejections(process, options.writeErr, 'loadout serve');
  const release = async () => {
    await mcp?.close();
    offRejections();
    offSettingsProblem();
    api.dispose();
    await core.dispose();
  };
  let agent: AgentServer;
  const attachToken = generateToken();
  // serve's windows are its WebSocket clients: read the GPU process list (a nvidia-smi run on the fallback
  // path) only while one is connected, as the tray app does while its monitor window is open.
  let processWatch: (() => void) | null = null;
  const watchProcessesWhileConnected = (count: number) => {
    if (count > 0 && !processWatch) processWatch = core.hardware.watchGpuProcesses?.() ?? null;
    if (count === 0 && processWatch) {
      processWatch();
      processWatch = null;
    }
  };
  try {
    agent = await startAgentServer(core, {
      host: options.host,
      port: options.port,
      token: options.token,
      attachToken,
      rendererDir: options.rendererDir,
      metrics: () => collectMetrics(core),
      onClientCount: watchProcessesWhileConnected,
      dispatch,
      events,
      openAi: openAi?.handler,
      mcp: mcp?.handle,
      forceTls: options.forceTls,
      insecure: options.insecure,
      isLoopback: options.isLoopback,
      machineName: options.machineName,
      bonjour: options.bonjour,
      log,
    });
  } catch (error) {
    await release();
    throw error;
  }
  const { server, transport } = agent;
  // The CLI's commands that change or stream work through this process while it runs.
  const announcement = announceLoadoutServer(
    core.dataDir,
    'serve',
    options.host,
    server.port,
    attachToken,
    core.version,
    log,
  );
  if (agent.announced) log('announcing this agent on the LAN (_loadout._tcp); adding it still takes its token.');
  return {
    server,
    openAi: openAi !== null,
    mcp: mcp !== null,
    transport,
    fingerprint256: agent.fingerprint256,
    async close() {
      announcement.remove();
      await agent.close();
      await release();
    },
  };
}
