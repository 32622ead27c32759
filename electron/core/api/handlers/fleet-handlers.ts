/**
 * App API handlers for `fleet.*` over the core's fleet watch: the machines as last seen, a relayed call
 * whose events go to its caller alone, and inspect/add/remove through the same code as
 * `loadout machines`. A token is stored only encrypted by the OS keychain (the face's secret codec).
 */
import os from 'node:os';
import {
  AppApiError,
  unavailableError,
  type ContractEventSink,
  type ContractHandlers,
  type FleetState,
  type MethodName,
} from '../../../../shared/contract';
import { machineTokenEnvName } from '../../../../shared/settings/machine-token-env';
import { AgentError } from '../../fleet/agent-connection';
import { normalizeFingerprint } from '../../fleet/certificate-pin';
import { relayCall } from '../../fleet/fleet-relay';
import type { FleetWatch } from '../../fleet/fleet-watch';
import {
  checkNewMachine,
  EnrolError,
  findMachine,
  inspectMachine,
  parseMachine,
  plainHttpRefusal,
  reachNewMachine,
  removeMachine,
  replaceMachine,
  saveMachine,
} from '../../fleet/machine-enrol';
import type { ApiServices } from './api-services';

type FleetHandlers = Pick<
  ContractHandlers,
  'fleet.list' | 'fleet.call' | 'fleet.inspect' | 'fleet.add' | 'fleet.update' | 'fleet.remove'
>;

const ENROL_CODES = {
  invalid: 'invalid-input',
  duplicate: 'refused',
  'plain-http': 'refused',
  'no-token': 'invalid-input',
  'not-found': 'not-found',
  unreachable: 'unavailable',
} as const;

/** An enrol or agent fault as the contract's error, its message unchanged; an agent's kind as the coded problem. */
function enrolApiError(error: unknown): unknown {
  if (error instanceof EnrolError) return new AppApiError(ENROL_CODES[error.problem], error.message);
  if (error instanceof AgentError)
    return new AppApiError(
      error.kind === 'refused' ? 'forbidden' : error.kind === 'offline' ? 'unavailable' : 'refused',
      error.message,
      undefined,
      { kind: error.kind },
    );
  return error;
}

async function enrolling<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw enrolApiError(error);
  }
}

/** The whole fleet as fleet.list and fleet.changed carry it. */
export async function fleetState(services: ApiServices, watch: FleetWatch): Promise<FleetState> {
  return {
    local: { name: os.hostname() },
    machines: watch.snapshot(),
    lmLink: services.lmLink
      ? await services.lmLink()
      : { available: false, servedBy: null, peers: [], message: 'LM Link is not read by this process.' },
    discovered: services.lan?.found() ?? [],
  };
}

/** Build the fleet handlers; the watch's changes are announced as `fleet.changed` by createApiHandlers. */
export function createFleetHandlers(services: ApiServices, events: ContractEventSink): FleetHandlers {
  const fleet = (method: MethodName): FleetWatch => {
    if (!services.fleet)
      throw unavailableError(method, 'fleet watch', 'Use `loadout machines` from a terminal meanwhile.');
    return services.fleet;
  };
  const state = (method: MethodName): Promise<FleetState> => fleetState(services, fleet(method));
  return {
    async 'fleet.list'() {
      return state('fleet.list');
    },
    async 'fleet.call'({ machine, method, params }, context) {
      const watch = fleet('fleet.call');
      return relayCall(
        { machines: () => services.settings.get().machines, client: (name) => watch.client(name) },
        machine,
        method,
        params,
        (event, payload) => events.emit('fleet.event', { machine, event, payload }, context.callerId),
      );
    },
    async 'fleet.inspect'({ url, token }) {
      return enrolling(() => inspectMachine(url, token?.trim() || null));
    },
    async 'fleet.add'({ name, url, kind, token, fingerprint, insecure }) {
      const watch = fleet('fleet.add');
      const plainToken = token?.trim() || null;
      const machine = await enrolling(() => parseMachine({ name, url, kind, insecure }));
      await enrolling(() => checkNewMachine(services.settings, machine, plainToken, insecure));
      const codec = services.secrets;
      if (plainToken && (!codec || !codec.isAvailable()))
        throw new AppApiError(
          'unavailable',
          `This Loadout cannot keep the token of "${machine.name}" encrypted (no OS keychain here), and it never keeps a token in plain text. Nothing was added. Add it from the tray app, or set ${machineTokenEnvName(machine.name)} and run \`loadout machines add\`.`,
        );
      const https = new URL(machine.url).protocol === 'https:';
      const pin = fingerprint ? normalizeFingerprint(fingerprint) : null;
      if (fingerprint && !pin)
        throw new AppApiError(
          'invalid-input',
          'fingerprint: use the 64 hex digits of the SHA-256 fingerprint fleet.inspect showed.',
        );
      if (machine.kind === 'loadout' && https && !pin)
        throw new AppApiError(
          'invalid-input',
          `Compare and give the certificate fingerprint of "${machine.name}" (fleet.inspect shows it; its \`loadout serve\` prints it) before adding it.`,
        );
      // Reached with the pin the user compared: a different certificate is refused before the token is sent.
      await enrolling(() => reachNewMachine(machine, plainToken, pin));
      let tokenEncrypted: string | null = null;
      try {
        tokenEncrypted = plainToken ? codec!.encrypt(plainToken) : null;
      } catch (error) {
        throw new AppApiError(
          'failed',
          `The OS keychain refused to encrypt the token of "${machine.name}" (${error instanceof Error ? error.message : String(error)}). Unlock your keychain and try again; nothing was added.`,
        );
      }
      await enrolling(() =>
        saveMachine(services.settings, {
          ...machine,
          ...(pin && https ? { fingerprint: pin } : {}),
          ...(tokenEncrypted ? { tokenEncrypted } : {}),
        }),
      );
      watch.refresh();
      return state('fleet.add');
    },
    async 'fleet.update'({ name, url, token, fingerprint, insecure }) {
      const watch = fleet('fleet.update');
      const current = await enrolling(() => findMachine(services.settings, name));
      const keepInsecure = insecure ?? current.insecure;
      const machine = await enrolling(() =>
        parseMachine({ name, url: url ?? current.url, kind: current.kind, insecure: keepInsecure }),
      );
      const refusal = plainHttpRefusal(machine, keepInsecure);
      if (refusal) throw new AppApiError('refused', `${refusal} Nothing was changed.`);
      if (token === null && machine.kind === 'loadout')
        throw new AppApiError(
          'invalid-input',
          `"${name}" is a Loadout agent, which answers only with its token: type its new token instead, or remove the machine.`,
        );
      const codec = services.secrets;
      const typed = token?.trim() || null;
      if (typed && (!codec || !codec.isAvailable()))
        throw new AppApiError(
          'unavailable',
          `This Loadout cannot keep the token of "${name}" encrypted (no OS keychain here), and it never keeps a token in plain text. Nothing was changed.`,
        );
      const moved = machine.url !== current.url;
      const https = new URL(machine.url).protocol === 'https:';
      const given = fingerprint ? normalizeFingerprint(fingerprint) : null;
      if (fingerprint && !given)
        throw new AppApiError(
          'invalid-input',
          'fingerprint: use the 64 hex digits of the SHA-256 fingerprint fleet.inspect showed.',
        );
      // A new address is a new certificate: pinned only to the fingerprint the user compared there.
      const pin = moved ? given : (current.fingerprint ?? null);
      if (moved && machine.kind === 'loadout' && https && !pin)
        throw new AppApiError(
          'invalid-input',
          `Compare and give the certificate fingerprint "${name}" presents at ${machine.url} (fleet.inspect shows it; its \`loadout serve\` prints it) before moving it there.`,
        );
      if (moved || typed) {
        let reachWith = typed;
        if (token === undefined && current.tokenEncrypted) {
          try {
            reachWith = codec!.decrypt(current.tokenEncrypted);
          } catch {
            throw new AppApiError(
              'unavailable',
              `The stored token of "${name}" cannot be read on this machine: type its token again with the new address. Nothing was changed.`,
            );
          }
        }
        // Reached with what changed before anything is kept: a wrong address, token or certificate changes nothing.
        await enrolling(() => reachNewMachine(machine, reachWith, pin));
      }
      let tokenEncrypted = token === undefined ? current.tokenEncrypted : null;
      try {
        if (typed) tokenEncrypted = codec!.encrypt(typed);
      } catch (error) {
        throw new AppApiError(
          'failed',
          `The OS keychain refused to encrypt the token of "${name}" (${error instanceof Error ? error.message : String(error)}). Unlock your keychain and try again; nothing was changed.`,
        );
      }
      await enrolling(() =>
        replaceMachine(services.settings, {
          ...machine,
          ...(pin && https ? { fingerprint: pin } : {}),
          ...(tokenEncrypted ? { tokenEncrypted } : {}),
        }),
      );
      watch.refresh();
      return state('fleet.update');
    },
    async 'fleet.remove'({ name }) {
      const watch = fleet('fleet.remove');
      await enrolling(() => removeMachine(services.settings, name));
      watch.refresh();
      return state('fleet.remove');
    },
  };
}
