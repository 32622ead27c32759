/**
 * Adding and removing a machine, one implementation for the app (fleet.inspect/add/remove) and the CLI
 * (`loadout machines add/remove`): the name and URL checked, plain HTTP off this machine refused unless
 * it is a tailnet address or the user said `insecure`, the agent reached once (its certificate pinned
 * to the fingerprint the user compared), and the machines list changed. Tokens are not kept here: the
 * caller encrypts them (the app's keychain) or reads them from the environment (the CLI).
 */
import tls from 'node:tls';
import net from 'node:net';
import { MachineSchema, type Machine } from '../../../shared/settings/schema';
import { decideTransport } from '../http/transport-policy';
import type { SettingsStore } from '../settings/settings-store';
import { AgentError, connectToAgent } from './agent-connection';
import { normalizeFingerprint } from './certificate-pin';
import { probeMachine } from './machine-status';

export type EnrolProblem = 'invalid' | 'duplicate' | 'plain-http' | 'no-token' | 'not-found' | 'unreachable';

export class EnrolError extends Error {
  constructor(
    readonly problem: EnrolProblem,
    message: string,
  ) {
    super(message);
    this.name = 'EnrolError';
  }
}

/** The machine as the settings keep it, or an EnrolError that says which field is wrong. */
export function parseMachine(input: { name: string; url: string; kind: Machine['kind']; insecure?: boolean }): Machine {
  const parsed = MachineSchema.safeParse({
    name: input.name,
    url: input.url.trim().replace(/\/+$/, ''),
    kind: input.kind,
    ...(input.insecure ? { insecure: true } : {}),
  });
  if (!parsed.success)
    throw new EnrolError(
      'invalid',
      parsed.error.issues
        .map((i) => `${i.path.join('.') === 'url' ? 'URL' : i.path.join('.')}: ${i.message}`)
        .join('; '),
    );
  return parsed.data;
}

/** Why a Loadout agent's URL may not be used (its token would cross the network in clear), or null. */
export function plainHttpRefusal(machine: Pick<Machine, 'url' | 'kind'>, insecure: boolean | undefined): string | null {
  const url = new URL(machine.url);
  if (machine.kind !== 'loadout' || url.protocol !== 'http:') return null;
  if (decideTransport({ host: url.hostname, insecure }).scheme !== 'https') return null;
  return `${machine.url} is plain HTTP off this machine, so the token would cross the network in clear. Use the https:// address its \`loadout serve\` prints, a tailnet address, or --insecure if you accept that.`;
}

/** The checks before anything is reached: a free name, an allowed URL, a token for an agent. */
export function checkNewMachine(
  store: Pick<SettingsStore, 'get'>,
  machine: Machine,
  token: string | null,
  insecure: boolean | undefined,
): void {
  if (store.get().machines.some((m) => m.name === machine.name))
    throw new EnrolError(
      'duplicate',
      `A machine named "${machine.name}" is already there. Remove it first (\`loadout machines remove ${machine.name}\`), or pick another name.`,
    );
  const refusal = plainHttpRefusal(machine, insecure);
  if (refusal) throw new EnrolError('plain-http', refusal);
  if (machine.kind === 'loadout' && !token)
    throw new EnrolError(
      'no-token',
      "No token: give the token that machine's `loadout serve` printed (the CLI reads it from LOADOUT_MACHINE_TOKEN, or from --token-stdin).",
    );
}

/**
 * Reach the machine once: an agent with `pin` (the fingerprint the user compared) or, on the CLI's first
 * contact (`pin` null), whatever certificate it presents, which is returned to be shown and pinned.
 */
export async function reachNewMachine(
  machine: Machine,
  token: string | null,
  pin: string | null,
): Promise<{ fingerprint: string | null; version: string | null }> {
  if (machine.kind === 'lmstudio-only') {
    const status = await probeMachine(machine, { tokenFor: () => token });
    if (!status.online) throw new AgentError(status.problem?.kind ?? 'offline', status.problem?.message ?? '');
    return { fingerprint: null, version: null };
  }
  let fingerprint: string | null = null;
  const agent = await connectToAgent({ ...machine, ...(pin ? { fingerprint: pin } : {}) }, token, {
    firstContact: pin === null,
    onFingerprint: (f) => (fingerprint = f),
  });
  await agent.close();
  return { fingerprint, version: agent.info.version };
}

/** The SHA-256 of the certificate an https address presents, without sending anything. */
export function presentedFingerprint(url: string, timeoutMs = 5000): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: u.hostname,
      port: Number(u.port || 443),
      servername: net.isIP(u.hostname) ? undefined : u.hostname,
      // Only the fingerprint is read, for the user to compare; nothing is sent.
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    socket.once('timeout', () => socket.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)));
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      const f = normalizeFingerprint(socket.getPeerX509Certificate()?.fingerprint256 ?? '');
      socket.end();
      if (f) resolve(f);
      else reject(new Error('it presented no certificate'));
    });
  });
}

/**
 * What is at `url`: a Loadout agent (https: its certificate's fingerprint to compare; with a token, its
 * version) or an LM Studio answering its REST API. Rejects with an EnrolError that says what was tried.
 */
export async function inspectMachine(
  url: string,
  token: string | null,
): Promise<{ kind: Machine['kind']; fingerprint: string | null; version: string | null }> {
  const target = parseMachine({ name: 'inspected', url, kind: 'loadout' });
  const secure = new URL(target.url).protocol === 'https:';
  let fingerprint: string | null = null;
  if (secure) {
    try {
      fingerprint = await presentedFingerprint(target.url);
    } catch (error) {
      throw new EnrolError(
        'unreachable',
        `${target.url} does not answer (${error instanceof Error ? error.message : String(error)}): check the address and that its \`loadout serve\` runs.`,
      );
    }
  }
  let agentProblem: string | null = null;
  if (token) {
    try {
      const seen = await reachNewMachine(target, token, fingerprint);
      return { kind: 'loadout', fingerprint, version: seen.version };
    } catch (error) {
      agentProblem = error instanceof Error ? error.message.replaceAll('"inspected"', target.url) : String(error);
    }
  }
  if (secure) {
    if (agentProblem) throw new EnrolError('unreachable', agentProblem);
    return { kind: 'loadout', fingerprint, version: null };
  }
  const lmStudio = await probeMachine({ ...target, kind: 'lmstudio-only' }, { tokenFor: () => token });
  if (lmStudio.online) return { kind: 'lmstudio-only', fingerprint: null, version: null };
  throw new EnrolError(
    'unreachable',
    agentProblem ??
      `${target.url} answers neither as a Loadout agent nor as LM Studio: check the address; give the agent's token to reach a Loadout agent.`,
  );
}

/** Add the machine to the settings (its fingerprint pinned, its token already encrypted or none). */
export function saveMachine(store: SettingsStore, machine: Machine): Machine {
  store.update((s) => {
    if (s.machines.some((m) => m.name === machine.name))
      throw new EnrolError('duplicate', `A machine named "${machine.name}" is already there.`);
    return { ...s, machines: [...s.machines, machine] };
  });
  return machine;
}

/** The machine named `name` in the settings; a not-found EnrolError names the machines there are. */
export function findMachine(store: Pick<SettingsStore, 'get'>, name: string): Machine {
  const machines = store.get().machines;
  const found = machines.find((m) => m.name === name);
  if (found) return found;
  const names = machines.map((m) => m.name);
  throw new EnrolError(
    'not-found',
    `No machine named "${name}"${names.length ? ` (there are: ${names.join(', ')})` : ''}.`,
  );
}

/** Put `machine` in place of the one of the same name (its place in the list kept: the order is the user's). */
export function replaceMachine(store: SettingsStore, machine: Machine): void {
  findMachine(store, machine.name);
  store.update((s) => ({ ...s, machines: s.machines.map((m) => (m.name === machine.name ? machine : m)) }));
}

/** Remove a machine and its stored token; an EnrolError names the machines there are when it is not one. */
export function removeMachine(store: SettingsStore, name: string): void {
  findMachine(store, name);
  store.update((s) => ({ ...s, machines: s.machines.filter((m) => m.name !== name) }));
}
