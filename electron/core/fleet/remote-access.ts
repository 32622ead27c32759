/**
 * Remote access (issue 18): the tray app as a fleet agent while `settings.remoteAccess.enabled` is on,
 * through the same agent server as `loadout serve`. The agent token is made once and kept only encrypted
 * by the OS keychain; without one, remote access is refused with the reason. A new token restarts the
 * server, which closes every connection made with the old one.
 */
import os from 'node:os';
import type { ContractDispatch, ContractEventHub } from '../../../shared/contract';
import { wordRemoteAccessProblem, type RemoteAccessProblem } from '../../../shared/fleet/remote-access-problem';
import { translator } from '../../../shared/i18n/translate';
import type { Settings } from '../../../shared/settings/schema';
import { startAgentServer, type AgentCore, type AgentServer, type AgentServerOptions } from './agent-server';
import { generateToken } from '../http/token-auth';

export type RemoteAccessState = 'off' | 'listening' | 'failed';

export interface RemoteAccessStatus {
  state: RemoteAccessState;
  /** The addresses another machine can use (one per network interface when bound to every one). */
  urls: string[];
  /** The certificate's SHA-256 under HTTPS, to compare with what `machines add` shows. */
  fingerprint256: string | null;
  /** Why it is not listening (state 'failed'), in English. */
  message: string | null;
  /** The same reason as data, for a window to word in its language. */
  problem: RemoteAccessProblem | null;
}

/** The core as remote access needs it: the agent's needs, and the settings it reads and writes the token in. */
export interface RemoteAccessCore extends AgentCore {
  settings: { get(): Settings; update(change: (current: Settings) => Settings): Settings };
}

/** The face's keychain (api/secret-codec's SecretCodec), as much as remote access needs. */
export interface TokenCodec {
  isAvailable(): boolean;
  storage(): string;
  encrypt(plain: string): string;
  decrypt(encoded: string): string;
}

export interface RemoteAccessOptions {
  dispatch: ContractDispatch;
  /** The Prometheus text for /metrics (collectMetrics over the face's core). */
  metrics: () => Promise<string> | string;
  events: ContractEventHub;
  secrets: TokenCodec | undefined;
  log(line: string): void;
  /** Tests: the off-loopback path on 127.0.0.1, and no multicast socket. */
  agentOptions?: Pick<AgentServerOptions, 'isLoopback' | 'bonjour' | 'machineName'>;
  /** Default os.networkInterfaces (tests inject one). */
  interfaces?: () => ReturnType<typeof os.networkInterfaces>;
}

export interface RemoteAccess {
  /** Follow the settings after a change (the face calls it on `settings.changed`): starts, restarts or stops the agent. */
  apply(): void;
  status(): RemoteAccessStatus;
  /** The agent token in plain text (for the settings window's Copy), made on first use; throws when it cannot be kept encrypted. */
  token(): string;
  /** Replace the token; holders of the old one are disconnected. The status is announced once through onStatus. */
  newToken(): Promise<string>;
  /** Told on every status change (e.g. a port in use). */
  onStatus(listener: (status: RemoteAccessStatus) => void): () => void;
  /** Settle after the latest settings (tests await it). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown when the token cannot be kept encrypted; the message (English) and the problem say why and what to do. */
export class RemoteAccessRefusal extends Error {
  constructor(readonly problem: RemoteAccessProblem) {
    super(wordRemoteAccessProblem(problem, translator('en')));
    this.name = 'RemoteAccessRefusal';
  }
}

const OFF: RemoteAccessStatus = { state: 'off', urls: [], fingerprint256: null, message: null, problem: null };

/** Run the agent while remote access is on (started from the current settings; later ones come through `apply`). */
export function startRemoteAccess(core: RemoteAccessCore, options: RemoteAccessOptions): RemoteAccess {
  let agent: AgentServer | null = null;
  let current: RemoteAccessStatus = OFF;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  const listeners = new Set<(status: RemoteAccessStatus) => void>();
  const setStatus = (next: RemoteAccessStatus) => {
    current = next;
    for (const l of listeners) l(next);
  };

  const token = (): string => {
    const codec = options.secrets;
    if (!codec?.isAvailable()) {
      throw new RemoteAccessRefusal({ kind: codec?.storage() === 'plain-text-only' ? 'no-keyring' : 'no-keychain' });
    }
    const stored = core.settings.get().remoteAccess.tokenEncrypted;
    if (stored) {
      try {
        return codec.decrypt(stored);
      } catch {
        // Another user's or machine's keychain: a token nobody here can read is replaced (clients need the new one).
        options.log('the stored remote access token could not be decrypted here; a new one was made.');
      }
    }
    const made = generateToken();
    core.settings.update((s) => ({ ...s, remoteAccess: { ...s.remoteAccess, tokenEncrypted: codec.encrypt(made) } }));
    return made;
  };

  const urlsOf = (host: string, port: number, scheme: string): string[] => {
    const show = (address: string) => `${scheme}://${address.includes(':') ? `[${address}]` : address}:${port}`;
    if (host !== '0.0.0.0' && host !== '::') return [show(host)];
    const all = Object.values((options.interfaces ?? os.networkInterfaces)()).flat();
    return all.filter((i) => i && !i.internal && (host === '::' || i.family === 'IPv4')).map((i) => show(i!.address));
  };

  const stop = async () => {
    const running = agent;
    agent = null;
    await running?.close();
  };

  const apply = async (settings: Settings) => {
    await stop();
    const { enabled, host, port } = settings.remoteAccess;
    if (!enabled || closed) return setStatus(OFF);
    try {
      agent = await startAgentServer(core, {
        host,
        port,
        token: token(),
        rendererDir: null,
        metrics: options.metrics,
        dispatch: options.dispatch,
        events: options.events,
        log: options.log,
        ...options.agentOptions,
      });
      setStatus({
        state: 'listening',
        urls: urlsOf(host, agent.server.port, agent.transport.scheme),
        fingerprint256: agent.fingerprint256,
        message: null,
        problem: null,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const problem: RemoteAccessProblem =
        code === 'EADDRINUSE'
          ? { kind: 'port-in-use', host, port }
          : code === 'EADDRNOTAVAIL'
            ? { kind: 'address-not-here', host }
            : error instanceof RemoteAccessRefusal
              ? error.problem
              : { kind: 'start-failed', detail: error instanceof Error ? error.message : String(error) };
      const message = wordRemoteAccessProblem(problem, translator('en'));
      options.log(message);
      setStatus({ state: 'failed', urls: [], fingerprint256: null, message, problem });
    }
  };

  const key = (s: Settings) =>
    JSON.stringify([s.remoteAccess.enabled, s.remoteAccess.host, s.remoteAccess.port, s.fleet.discovery]);
  let lastKey = key(core.settings.get());
  const enqueue = (settings: Settings) => (chain = chain.then(() => apply(settings)));
  enqueue(core.settings.get());

  return {
    apply() {
      const settings = core.settings.get();
      const next = key(settings);
      if (next === lastKey) return;
      lastKey = next;
      void enqueue(settings);
    },
    status: () => current,
    token,
    async newToken() {
      const codec = options.secrets;
      token(); // refuses as above when there is no keychain
      const made = generateToken();
      core.settings.update((s) => ({
        ...s,
        remoteAccess: { ...s.remoteAccess, tokenEncrypted: codec!.encrypt(made) },
      }));
      await enqueue(core.settings.get());
      return made;
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled: () => chain,
    async close() {
      closed = true;
      await chain;
      await stop();
    },
  };
}
