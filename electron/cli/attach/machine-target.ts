/**
 * `--machine NAME`: run a command on another machine through its Loadout agent (issue 18). The command
 * gets a ContractClient like the one of the running local Loadout, so each command keeps one path
 * (apply-through, unload-through, bench-through…). When the tray app or `loadout serve` runs here, the
 * calls go through it with `fleet.call` (it holds the decrypted token and the pinned certificate, and
 * hands the agent's events back as `fleet.event`); otherwise the CLI connects to the agent itself, with
 * the pinned fingerprint from settings and the token from LOADOUT_MACHINE_TOKEN_<NAME>.
 */
import type { ContractClient, MethodName } from '../../../shared/contract';
import { FLEET_RELAYED_METHODS } from '../../../shared/contract/fleet';
import type { Machine } from '../../../shared/settings/schema';
import { attachToRunningCore } from '../../core/attach/attach-to-running-core';
import type { AttachedCore } from '../../core/attach/attach-client';
import { AgentError, connectToAgent } from '../../core/fleet/agent-connection';
import { resolveDataDir } from '../../core/paths';
import { machineToken } from '../../core/routing/settings-endpoints';
import { SettingsStore } from '../../core/settings/settings-store';
import type { CliIo } from '../command';

export { checkMachineFlags, MACHINE_OPTION } from './machine-flags';

/** A machine's agent, ready for a command: the same client shape as the running local Loadout's. */
export interface MachineTarget {
  machine: Machine;
  client: ContractClient;
  /** How the calls travel, for messages: "through the running Loadout (pid N)" or "directly". */
  via: string;
  close(): Promise<void>;
}

/** A machine the command cannot run on (unknown name, LM Studio only, offline, refused…); exit 1 with this message. */
export class MachineTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MachineTargetError';
  }
}

/** The machine named `name` in settings; unknown names list the known ones. */
export function findMachine(io: CliIo, name: string): Machine {
  const machines = new SettingsStore({ dataDir: resolveDataDir(io.env) }).get().machines;
  const machine = machines.find((m) => m.name === name);
  if (machine) return machine;
  throw new MachineTargetError(
    machines.length
      ? `No machine named "${name}". Known machines: ${machines.map((m) => m.name).join(', ')}.`
      : `No machine named "${name}": no machines are added yet. Add one with \`loadout machines add ${name} URL\`.`,
  );
}

/** The refusal for a command that needs Loadout on an LM Studio-only machine. */
export function needsAgent(machine: Machine, command: string): MachineTargetError {
  return new MachineTargetError(
    `"${machine.name}" runs LM Studio only, so \`loadout ${command}\` cannot run there: it needs Loadout on that machine. Run \`loadout serve --host 0.0.0.0\` (or the tray app with remote access on) there, then add it again with \`loadout machines add ${machine.name} URL\`. \`loadout models --machine ${machine.name}\` works as it is.`,
  );
}

const RELAYED: ReadonlySet<string> = new Set(FLEET_RELAYED_METHODS);

/** A client whose calls go to `machine` through the running Loadout's `fleet.call`, its events from `fleet.event`. */
export function relayClient(local: ContractClient, machine: string): ContractClient {
  return {
    async call<N extends MethodName>(method: N, input: unknown) {
      if (!RELAYED.has(method))
        return {
          ok: false as const,
          error: {
            code: 'refused' as const,
            message: `${method} is not run on other machines (only ${FLEET_RELAYED_METHODS.join(', ')}).`,
          },
        };
      const answer = await local.call('fleet.call', {
        machine,
        method: method as (typeof FLEET_RELAYED_METHODS)[number],
        params: input,
      });
      // The agent answered this method with its own schema's output; fleet.call only carried it.
      return answer as never;
    },
    on(event, listener) {
      return local.on('fleet.event', (e) => {
        if (e.machine === machine && e.event === event) listener(e.payload as never);
      });
    },
  };
}

/** Whether the running Loadout relays at all (an older one does not know `fleet.call`). */
async function relayAnswers(local: AttachedCore, machine: Machine): Promise<boolean> {
  const probe = await local.client.call('fleet.call', { machine: machine.name, method: 'app.info' });
  if (probe.ok) return true;
  if (probe.error.code === 'unknown-method') return false;
  throw new MachineTargetError(probe.error.message);
}

/** Connect to the agent of `name` for `command`; throws MachineTargetError with what to do. */
export async function openMachineTarget(io: CliIo, name: string, command: string): Promise<MachineTarget> {
  const machine = findMachine(io, name);
  if (machine.kind !== 'loadout') throw needsAgent(machine, command);
  const local = await attachToRunningCore(resolveDataDir(io.env));
  if (local) {
    let relays: boolean;
    try {
      relays = await relayAnswers(local, machine);
    } catch (error) {
      await local.close();
      throw error;
    }
    if (relays)
      return {
        machine,
        client: relayClient(local.client, machine.name),
        via: `through the running Loadout (pid ${local.announce.pid})`,
        close: () => local.close(),
      };
    await local.close();
  }
  try {
    const agent = await connectToAgent(machine, machineToken(machine, io.env));
    return { machine, client: agent.client, via: 'directly', close: () => agent.close() };
  } catch (error) {
    if (error instanceof AgentError) throw new MachineTargetError(error.message);
    throw error;
  }
}

/**
 * Run `work` on the machine's agent and close it after. A MachineTargetError prints as `loadout COMMAND: …`
 * (and as the command's own JSON failure line when `jsonFailure` gives one), exit 1.
 */
export async function withMachineTarget(
  io: CliIo,
  name: string,
  command: string,
  work: (target: MachineTarget) => Promise<number>,
  jsonFailure?: (message: string) => unknown,
): Promise<number> {
  let target: MachineTarget;
  try {
    target = await openMachineTarget(io, name, command);
  } catch (error) {
    if (!(error instanceof MachineTargetError)) throw error;
    if (jsonFailure) io.stdout.write(`${JSON.stringify(jsonFailure(error.message))}\n`);
    io.stderr.write(`loadout ${command}: ${error.message}\n`);
    return 1;
  }
  try {
    return await work(target);
  } finally {
    await target.close();
  }
}
