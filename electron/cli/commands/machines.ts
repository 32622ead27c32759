/**
 * `loadout machines [--json]`, `loadout machines add NAME URL [--token-stdin] [--lmstudio-only] [--insecure]`,
 * `loadout machines remove NAME`: the other machines on the desk (issue 18). The list looks at every
 * machine at once, each within a few seconds. `add` connects once, shows the agent's certificate
 * fingerprint to compare with the one its `loadout serve` printed, and pins it (trust on first use).
 *
 * Tokens: the CLI has no OS keychain, so it never writes a token. Through a running tray app whose
 * keychain works, `add` hands the token to it (settings.setRoutingSecret encrypts it); otherwise it says
 * so, and the CLI reads the token from LOADOUT_MACHINE_TOKEN_<NAME>.
 */
import { text } from 'node:stream/consumers';
import type { Readable } from 'node:stream';
import { machineTokenEnvName } from '../../../shared/settings/machine-token-env';
import type { Machine } from '../../../shared/settings/schema';
import { attachToRunningCore } from '../../core/attach/attach-to-running-core';
import { AgentError } from '../../core/fleet/agent-connection';
import { formatFingerprint } from '../../core/fleet/certificate-pin';
import { normalizeDeviceName, type LmLinkState } from '../../core/fleet/lm-link';
import { createLmLinkReader } from '../../core/fleet/lm-link-reader';
import { recordMachinesSeen } from '../../core/fleet/machine-seen';
import {
  checkNewMachine,
  EnrolError,
  parseMachine,
  reachNewMachine,
  removeMachine,
  saveMachine,
} from '../../core/fleet/machine-enrol';
import { probeMachines, type MachineStatus } from '../../core/fleet/machine-status';
import { createLmStudioClient } from '../../core/lmstudio/client';
import { resolveDataDir } from '../../core/paths';
import { machineToken } from '../../core/routing/settings-endpoints';
import { SettingsStore } from '../../core/settings/settings-store';
import { type CliCommand, type CliIo, UsageError } from '../command';
import { parseCommandArgs } from '../parse-args';
import { discover, parseDiscoverSeconds } from './machines-discover';

const USAGE =
  'machines [--json] | machines add NAME URL [--token-stdin] [--lmstudio-only] [--insecure] [--json] | machines remove NAME | machines discover [--seconds N] [--json]';
const GB = 1024 ** 3;

const gb = (bytes: number | null) => (bytes === null ? '?' : (bytes / GB).toFixed(1));
/** A sentence from the shared enrol code after the CLI's "loadout machines: " prefix. */
const lowerFirst = (message: string) => message.charAt(0).toLowerCase() + message.slice(1);
const clock = (iso: string) => new Date(iso).toLocaleString('en-GB', { hour12: false });

/** One machine as text: a heading line, then what it holds, or why it cannot be seen. */
function describe(s: MachineStatus, since: string | undefined): string {
  const kind = s.kind === 'loadout' ? `Loadout${s.version ? ` ${s.version}` : ''}` : 'LM Studio only';
  const lines = [
    `${s.name}  ${s.url}  ${kind}  ${s.online ? 'online' : 'offline'}${since ? ` since ${clock(since)}` : ''}`,
  ];
  if (!s.online) return [...lines, `  ${s.problem?.message ?? 'not seen'}`].join('\n');
  for (const g of s.gpus) {
    lines.push(
      `  GPU ${g.name ?? '?'}: ${g.utilizationPercent ?? '?'}% busy, VRAM ${gb(g.vramUsedBytes)} of ${gb(g.vramTotalBytes)} GB, ${g.powerW === null ? '? W' : `${Math.round(g.powerW)} W`}`,
    );
  }
  if (s.kind === 'loadout' && s.gpus.length === 0 && !s.unseen.includes('GPU')) lines.push('  no GPU reported');
  if (s.powerW !== null) lines.push(`  power now: ${Math.round(s.powerW)} W`);
  lines.push(`  loaded: ${s.loadedModels.length ? s.loadedModels.join(', ') : 'none'}`);
  if (s.kind === 'loadout') lines.push(`  preset: ${s.activePreset ?? 'none active'}`);
  if (s.unseen.length)
    lines.push(
      `  cannot see: ${s.unseen.join(', ')}${s.kind === 'lmstudio-only' ? ' (install Loadout there to see them)' : ''}`,
    );
  return lines.join('\n');
}

/**
 * LM Link's peers not added yet, each with the command that adds it (LM Link gives names, not addresses,
 * so the URL is the user's). Said only when LM Link is read: a machine without it hears nothing of it.
 */
function describeLmLink(link: LmLinkState): string {
  const lines: string[] = [];
  if (link.servedBy) lines.push(`LM Link serves localhost:1234 from "${link.servedBy}".`);
  for (const peer of link.peers.filter((p) => !p.added)) {
    const models = peer.loadedModels.length ? `, loaded: ${peer.loadedModels.join(', ')}` : '';
    lines.push(
      `LM Link peer "${peer.name}" (${peer.online ? 'online' : 'offline'}${models}) offered: loadout machines add ${normalizeDeviceName(peer.name) || 'NAME'} URL`,
    );
  }
  return lines.join('\n');
}

async function list(io: CliIo, json: boolean): Promise<number> {
  const dataDir = resolveDataDir(io.env);
  const settings = new SettingsStore({ dataDir }).get();
  const machines = settings.machines;
  const lmstudio = createLmStudioClient({ env: io.env, settingsBaseUrl: settings.lmstudio.baseUrl });
  const [statuses, lmLink] = await Promise.all([
    probeMachines(machines, { tokenFor: (m) => machineToken(m, io.env) }),
    createLmLinkReader({ lmstudio, machines: () => machines, env: io.env }).refresh(),
  ]);
  const since = recordMachinesSeen(dataDir, statuses);
  if (json) {
    const rows = statuses.map((s) => ({ ...s, since: since[s.name] ?? null }));
    io.stdout.write(`${JSON.stringify({ machines: rows, lmLink }, null, 2)}\n`);
    return 0;
  }
  const offered = describeLmLink(lmLink);
  if (!statuses.length) {
    io.stdout.write(
      'No other machines yet. Add one with `loadout machines add NAME URL` (its token in LOADOUT_MACHINE_TOKEN or --token-stdin).\n',
    );
    if (offered) io.stdout.write(`${offered}\n`);
    return 0;
  }
  io.stdout.write(`${statuses.map((s) => describe(s, since[s.name])).join('\n\n')}\n`);
  if (offered) io.stdout.write(`\n${offered}\n`);
  return 0;
}

/** Hand the token to a running tray app that can encrypt it; the sentence to print either way. */
async function storeToken(io: CliIo, name: string, token: string): Promise<string> {
  const envName = machineTokenEnvName(name);
  const attached = await attachToRunningCore(resolveDataDir(io.env)).catch(() => null);
  if (attached) {
    try {
      const info = await attached.client.call('app.info', undefined);
      if (info.ok && info.result.secretStorage === 'encrypted') {
        const saved = await attached.client.call('settings.setRoutingSecret', {
          target: { kind: 'endpoint', name },
          secret: token,
        });
        if (saved.ok)
          return `The token is stored encrypted by the running Loadout (OS keychain); the CLI still reads ${envName} when it runs on its own.`;
      }
    } finally {
      await attached.close();
    }
  }
  return `The token was not stored: this CLI cannot encrypt it (no OS keychain here), and Loadout never keeps a token in plain text. Set ${envName} for the CLI, or enter the token in the tray app's settings.`;
}

async function add(
  io: CliIo,
  stdin: () => Readable,
  positionals: string[],
  values: { 'token-stdin'?: boolean; 'lmstudio-only'?: boolean; insecure?: boolean; json?: boolean },
): Promise<number> {
  const [name, url] = positionals;
  if (!name || !url || positionals.length !== 2)
    throw new UsageError(
      'give the machine a NAME and its URL, e.g. `loadout machines add lab https://192.168.1.20:1235`.',
      USAGE,
    );
  const kind = values['lmstudio-only'] ? 'lmstudio-only' : 'loadout';
  let machine: Machine;
  try {
    machine = parseMachine({ name, url, kind, insecure: values.insecure });
  } catch (error) {
    if (error instanceof EnrolError) throw new UsageError(error.message, USAGE);
    throw error;
  }
  const store = new SettingsStore({ dataDir: resolveDataDir(io.env) });
  const token = values['token-stdin'] ? (await text(stdin())).trim() : (io.env.LOADOUT_MACHINE_TOKEN?.trim() ?? '');
  let fingerprint: string | null;
  try {
    // The same checks and first contact as the app's fleet.add; the CLI pins what the agent presents and shows it.
    checkNewMachine(store, machine, token || null, values.insecure);
    ({ fingerprint } = await reachNewMachine(machine, token || null, null));
  } catch (error) {
    if (!(error instanceof EnrolError || error instanceof AgentError)) throw error;
    const notAdded = error instanceof AgentError ? ` "${machine.name}" was not added.` : '';
    io.stderr.write(`loadout machines: ${lowerFirst(error.message)}${notAdded}\n`);
    return 1;
  }
  const saved = saveMachine(store, { ...machine, ...(fingerprint ? { fingerprint } : {}) });
  const tokenLine = token ? await storeToken(io, machine.name, token) : null;
  if (values.json) {
    io.stdout.write(
      `${JSON.stringify({ added: { name: saved.name, url: saved.url, kind: saved.kind, fingerprint: saved.fingerprint ?? null }, tokenStored: tokenLine?.startsWith('The token is stored') ?? false })}\n`,
    );
    return 0;
  }
  io.stdout.write(
    `Added "${saved.name}" (${kind === 'loadout' ? 'Loadout agent' : 'LM Studio only'}) at ${saved.url}.\n`,
  );
  if (fingerprint)
    io.stdout.write(
      `Certificate SHA-256: ${formatFingerprint(fingerprint)}\nCompare it with the fingerprint that machine's \`loadout serve\` printed; it is now pinned, and a different one will be refused.\n`,
    );
  if (tokenLine) io.stdout.write(`${tokenLine}\n`);
  return 0;
}

function remove(io: CliIo, positionals: string[]): number {
  const [name] = positionals;
  if (!name || positionals.length !== 1)
    throw new UsageError('which machine? Give its name (see `loadout machines`).', USAGE);
  try {
    removeMachine(new SettingsStore({ dataDir: resolveDataDir(io.env) }), name);
  } catch (error) {
    if (!(error instanceof EnrolError)) throw error;
    io.stderr.write(`loadout machines: ${lowerFirst(error.message)}\n`);
    return 1;
  }
  io.stdout.write(`Removed "${name}" and its stored token.\n`);
  return 0;
}

/** Build the command; tests pass their own stdin. */
export function createMachinesCommand(stdin: () => Readable = () => process.stdin): CliCommand {
  return {
    name: 'machines',
    summary: 'List the other machines (online, GPU, VRAM, power, models, preset), or add and remove one.',
    usage: USAGE,
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(
        args,
        {
          json: { type: 'boolean' },
          'token-stdin': { type: 'boolean' },
          'lmstudio-only': { type: 'boolean' },
          insecure: { type: 'boolean' },
          seconds: { type: 'string' },
        },
        USAGE,
        true,
      );
      const [sub, ...rest] = positionals;
      if (sub === undefined || sub === 'list') {
        if (rest.length) throw new UsageError(`unexpected ${rest.join(' ')}.`, USAGE);
        return list(io, values.json === true);
      }
      if (sub === 'add') return add(io, stdin, rest, values);
      if (sub === 'remove') return remove(io, rest);
      if (sub === 'discover') {
        if (rest.length) throw new UsageError(`unexpected ${rest.join(' ')}.`, USAGE);
        const seconds = parseDiscoverSeconds(values.seconds);
        if (typeof seconds === 'string') throw new UsageError(seconds, USAGE);
        return discover(io, { seconds, json: values.json === true });
      }
      throw new UsageError(`unknown machines command "${sub}": use list, add, remove or discover.`, USAGE);
    },
  };
}

export const machinesCommand = createMachinesCommand();
