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
import { MachineSchema, type Machine } from '../../../shared/settings/schema';
import { attachToRunningCore } from '../../core/attach/attach-to-running-core';
import { AgentError, connectToAgent } from '../../core/fleet/agent-connection';
import { formatFingerprint } from '../../core/fleet/certificate-pin';
import { normalizeDeviceName, type LmLinkState } from '../../core/fleet/lm-link';
import { createLmLinkReader } from '../../core/fleet/lm-link-reader';
import { recordMachinesSeen } from '../../core/fleet/machine-seen';
import { probeMachine, probeMachines, type MachineStatus } from '../../core/fleet/machine-status';
import { decideTransport } from '../../core/http/transport-policy';
import { createLmStudioClient } from '../../core/lmstudio/client';
import { resolveDataDir } from '../../core/paths';
import { machineToken } from '../../core/routing/settings-endpoints';
import { SettingsStore } from '../../core/settings/settings-store';
import { type CliCommand, type CliIo, UsageError } from '../command';
import { parseCommandArgs } from '../parse-args';

const USAGE =
  'machines [--json] | machines add NAME URL [--token-stdin] [--lmstudio-only] [--insecure] [--json] | machines remove NAME';
const GB = 1024 ** 3;

const gb = (bytes: number | null) => (bytes === null ? '?' : (bytes / GB).toFixed(1));
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
  const parsed = MachineSchema.safeParse({
    name,
    url: url.replace(/\/+$/, ''),
    kind,
    ...(values.insecure ? { insecure: true } : {}),
  });
  if (!parsed.success)
    throw new UsageError(
      parsed.error.issues
        .map((i) => `${i.path.join('.') === 'url' ? 'URL' : i.path.join('.')}: ${i.message}`)
        .join('; '),
      USAGE,
    );
  const machine: Machine = parsed.data;
  const store = new SettingsStore({ dataDir: resolveDataDir(io.env) });
  if (store.get().machines.some((m) => m.name === machine.name)) {
    io.stderr.write(
      `loadout machines: a machine named "${machine.name}" is already there. Remove it first (\`loadout machines remove ${machine.name}\`), or pick another name.\n`,
    );
    return 1;
  }
  const host = new URL(machine.url).hostname;
  if (
    kind === 'loadout' &&
    new URL(machine.url).protocol === 'http:' &&
    decideTransport({ host, insecure: values.insecure }).scheme === 'https'
  ) {
    io.stderr.write(
      `loadout machines: ${machine.url} is plain HTTP off this machine, so the token would cross the network in clear. Use the https:// address its \`loadout serve\` prints, a tailnet address, or --insecure if you accept that.\n`,
    );
    return 1;
  }
  const token = values['token-stdin'] ? (await text(stdin())).trim() : (io.env.LOADOUT_MACHINE_TOKEN?.trim() ?? '');
  if (kind === 'loadout' && !token) {
    io.stderr.write(
      "loadout machines: no token: put the token that machine's `loadout serve` printed in LOADOUT_MACHINE_TOKEN, or pipe it with --token-stdin.\n",
    );
    return 1;
  }
  let fingerprint: string | undefined;
  if (kind === 'loadout') {
    try {
      const agent = await connectToAgent(machine, token, {
        firstContact: true,
        onFingerprint: (f) => (fingerprint = f),
      });
      await agent.close();
    } catch (error) {
      io.stderr.write(
        `loadout machines: ${error instanceof AgentError ? error.message : String(error)} "${machine.name}" was not added.\n`,
      );
      return 1;
    }
  } else {
    const status = await probeMachine(machine, { tokenFor: () => token || null });
    if (!status.online) {
      io.stderr.write(`loadout machines: ${status.problem?.message} "${machine.name}" was not added.\n`);
      return 1;
    }
  }
  const saved: Machine = { ...machine, ...(fingerprint ? { fingerprint } : {}) };
  store.update((s) => ({ ...s, machines: [...s.machines, saved] }));
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
  const store = new SettingsStore({ dataDir: resolveDataDir(io.env) });
  const names = store.get().machines.map((m) => m.name);
  if (!names.includes(name)) {
    io.stderr.write(
      `loadout machines: no machine named "${name}"${names.length ? ` (there are: ${names.join(', ')})` : ''}.\n`,
    );
    return 1;
  }
  store.update((s) => ({ ...s, machines: s.machines.filter((m) => m.name !== name) }));
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
      throw new UsageError(`unknown machines command "${sub}": use list, add or remove.`, USAGE);
    },
  };
}

export const machinesCommand = createMachinesCommand();
