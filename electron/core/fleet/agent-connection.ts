/**
 * A connection to another machine's Loadout agent (`loadout serve`, or the tray app with remote access):
 * the same app contract and WebSocket the browser uses, with that machine's token, over wss with the
 * pinned certificate when its URL is https. Every fault becomes an error that names the machine and
 * says what to do; nothing here touches any other machine.
 */
import { APP_CONTRACT_VERSION, AppInfoSchema, WS_API_PATH, type AppInfo } from '../../../shared/contract';
import { openContractSocket, type ContractSocket } from '../attach/contract-socket';
import { pinnedTlsConnection } from './certificate-pin';

/** The oldest agent contract this main machine can drive (app.info `contract`; absent = 1, before the fleet). */
export const MIN_AGENT_CONTRACT = APP_CONTRACT_VERSION;

export interface AgentTarget {
  name: string;
  url: string;
  /** The pinned SHA-256 (64 lower-case hex); required for an https URL unless `firstContact`. */
  fingerprint?: string;
}

export interface AgentConnectOptions {
  timeoutMs?: number;
  /** `machines add`: accept whatever certificate is presented (it is then shown and pinned). */
  firstContact?: boolean;
  /** Told the fingerprint the agent presented (https only). */
  onFingerprint?(fingerprint: string): void;
}

export interface AgentConnection extends ContractSocket {
  info: AppInfo;
}

/** Why a machine could not be used, by kind, so a listing can say "offline" apart from "refused". */
export type AgentProblemKind = 'offline' | 'refused' | 'fingerprint' | 'version' | 'no-token' | 'no-pin';

export class AgentError extends Error {
  constructor(
    readonly kind: AgentProblemKind,
    message: string,
  ) {
    super(message);
    this.name = 'AgentError';
  }
}

/** What a call answers once the agent's connection is gone (so a relay can tell it from the agent's own errors). */
export function agentGoneMessage(name: string): string {
  return `"${name}" closed the connection; it may have gone offline. Try again.`;
}

function socketUrl(url: string): string {
  const u = new URL(url);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.pathname = `${u.pathname.replace(/\/+$/, '')}${WS_API_PATH}`;
  u.search = '';
  return u.toString();
}

function refusal(name: string, status: number, body: string): AgentError {
  if (status === 401 || status === 403) {
    return new AgentError(
      'refused',
      `"${name}" refused the token (HTTP ${status}${body ? `: ${body}` : ''}). Use the token its \`loadout serve\` printed: set it again with \`loadout machines add ${name} URL\` (LOADOUT_MACHINE_TOKEN or --token-stdin).`,
    );
  }
  return new AgentError(
    'refused',
    `"${name}" answered HTTP ${status}${body ? ` (${body})` : ''} instead of Loadout's app API: check that its URL points at \`loadout serve\` or the tray app with remote access on.`,
  );
}

function offline(name: string, url: string, error: unknown): AgentError {
  const e = error as NodeJS.ErrnoException;
  const why = e?.code ?? (e instanceof Error ? e.message : String(error));
  return new AgentError(
    'offline',
    `"${name}" does not answer at ${url} (${why}): it may be off, asleep, or not running Loadout.`,
  );
}

/** Connect to an agent and check its contract version; rejects with an AgentError. */
export async function connectToAgent(
  target: AgentTarget,
  token: string | null,
  options: AgentConnectOptions = {},
): Promise<AgentConnection> {
  if (!token) {
    throw new AgentError(
      'no-token',
      `No token for "${target.name}": add the machine from the app, or set the token its \`loadout serve\` printed in LOADOUT_MACHINE_TOKEN_${target.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}.`,
    );
  }
  const secure = new URL(target.url).protocol === 'https:';
  if (secure && !target.fingerprint && !options.firstContact) {
    throw new AgentError(
      'no-pin',
      `"${target.name}" has no pinned certificate fingerprint: remove it and add it again with \`loadout machines add\`, comparing the fingerprint shown.`,
    );
  }
  let socket: ContractSocket;
  try {
    socket = await openContractSocket({
      url: socketUrl(target.url),
      token,
      timeoutMs: options.timeoutMs,
      socketOptions: secure
        ? {
            createConnection: pinnedTlsConnection(
              target.name,
              options.firstContact ? null : target.fingerprint!,
              options.onFingerprint,
            ) as never,
          }
        : {},
      refused: (status, body) => refusal(target.name, status, body),
      goneMessage: agentGoneMessage(target.name),
    });
  } catch (error) {
    if (error instanceof AgentError) throw error;
    if (error instanceof Error && error.name === 'FingerprintMismatchError')
      throw new AgentError('fingerprint', error.message);
    throw offline(target.name, target.url, error);
  }
  const answer = await socket.client.call('app.info', undefined);
  const parsed = answer.ok ? AppInfoSchema.safeParse(answer.result) : null;
  if (!parsed?.success) {
    await socket.close();
    const why = answer.ok ? 'an answer this Loadout cannot read' : answer.error.message;
    throw new AgentError(
      'version',
      `"${target.name}" answered app.info with ${why}: update Loadout on both machines to the same version.`,
    );
  }
  const info = parsed.data;
  const contract = info.contract ?? 1;
  if (contract < MIN_AGENT_CONTRACT) {
    await socket.close();
    throw new AgentError(
      'version',
      `"${target.name}" runs Loadout ${info.version}, whose app contract (${contract}) is older than this one needs (${MIN_AGENT_CONTRACT}): update Loadout on that machine.`,
    );
  }
  return { ...socket, info };
}
