/**
 * `loadout gaming status [--json] | on | off | restore`: gaming mode (issue 19). The mode runs inside the
 * tray app and `loadout serve`; through a running one the command acts on it. With none running, `on`
 * and `off` change the setting (it applies when one starts) and `status` says the mode is not running.
 */
import type { GamingStatus } from '../../../shared/contract/gaming';
import { gameLabel } from '../../../shared/gaming/game-name';
import { formatGamingLine, GAMING_LINE_EN } from '../../../shared/gaming/gaming-line';
import { attachToRunningCore } from '../../core/attach/attach-to-running-core';
import { resolveDataDir } from '../../core/paths';
import { SettingsStore } from '../../core/settings/settings-store';
import { type CliCommand, type CliIo, UsageError } from '../command';
import { parseCommandArgs } from '../parse-args';

const USAGE = 'gaming status [--json] | gaming on | gaming off | gaming restore';
const NOT_RUNNING = 'Gaming mode runs inside the tray app and `loadout serve`, and neither is running now.';

const PHASE_TEXT: Record<GamingStatus['phase'], string> = {
  off: 'off',
  watching: 'on, watching for games',
  unloading: 'a game started: unloading the models',
  asking: 'a game started, but a model is still answering: waiting for "Unload anyway"',
  holding: 'a game holds the GPU',
  grace: 'the game ended: the models come back soon',
  restoring: 'restoring the models',
};

/** The status as lines for a person. */
export function describeGamingStatus(s: GamingStatus): string {
  const lines = [`Gaming mode: ${s.enabled ? PHASE_TEXT[s.phase] : 'off'}`];
  if (s.games.length)
    lines.push(`Games running: ${s.games.map((g) => gameLabel(g, GAMING_LINE_EN.unnamedGame)).join(', ')}`);
  if (s.restoreAt)
    lines.push(`Models come back at: ${new Date(s.restoreAt).toLocaleTimeString('en-GB', { hour12: false })}`);
  if (s.busyModels.length) lines.push(`Still answering: ${s.busyModels.join(', ')}`);
  if (s.remembered)
    lines.push(
      `Kept to restore: ${s.remembered.models.map((m) => m.instanceId).join(', ') || 'nothing'} (loadout gaming restore)`,
    );
  if (s.message) lines.push(s.message);
  for (const session of s.history.slice(0, 5)) lines.push(formatGamingLine(session, GAMING_LINE_EN));
  return lines.join('\n');
}

async function withRunning<T>(
  io: CliIo,
  use: (call: NonNullable<Awaited<ReturnType<typeof attachToRunningCore>>>['client']) => Promise<T>,
): Promise<T | null> {
  const attached = await attachToRunningCore(resolveDataDir(io.env)).catch(() => null);
  if (!attached) return null;
  try {
    return await use(attached.client);
  } finally {
    await attached.close();
  }
}

async function status(io: CliIo, json: boolean): Promise<number> {
  const answer = await withRunning(io, (client) => client.call('gaming.status', {}));
  if (answer && !answer.ok) {
    io.stderr.write(`loadout gaming: ${answer.error.message}\n`);
    return 1;
  }
  if (answer) {
    io.stdout.write(
      json ? `${JSON.stringify({ running: true, ...answer.result })}\n` : `${describeGamingStatus(answer.result)}\n`,
    );
    return 0;
  }
  const enabled = new SettingsStore({ dataDir: resolveDataDir(io.env) }).get().gaming.enabled;
  io.stdout.write(
    json
      ? `${JSON.stringify({ running: false, enabled })}\n`
      : `Gaming mode is ${enabled ? 'on' : 'off'} in the settings. ${NOT_RUNNING}\n`,
  );
  return 0;
}

async function setEnabled(io: CliIo, enabled: boolean): Promise<number> {
  const answer = await withRunning(io, (client) => client.call('gaming.set', { enabled }));
  if (answer && !answer.ok) {
    io.stderr.write(`loadout gaming: ${answer.error.message}\n`);
    return 1;
  }
  if (answer) {
    io.stdout.write(`${describeGamingStatus(answer.result)}\n`);
    return 0;
  }
  new SettingsStore({ dataDir: resolveDataDir(io.env) }).update((s) => ({ ...s, gaming: { ...s.gaming, enabled } }));
  io.stdout.write(
    `Gaming mode is now ${enabled ? 'on' : 'off'} in the settings. ${NOT_RUNNING}${enabled ? ' Start one of them (`loadout serve`, or the tray app) for it to watch for games.' : ''}\n`,
  );
  return 0;
}

async function restore(io: CliIo): Promise<number> {
  const answer = await withRunning(io, (client) => client.call('gaming.restore', {}));
  if (!answer) {
    io.stderr.write(
      `loadout gaming: nothing to restore here. ${NOT_RUNNING} The set it keeps lives in the one that ran it.\n`,
    );
    return 1;
  }
  if (!answer.ok) {
    io.stderr.write(`loadout gaming: ${answer.error.message}\n`);
    return 1;
  }
  const { result, message } = answer.result;
  if (result === 'ok') io.stdout.write(`Models restored.${message ? ` ${message}` : ''}\n`);
  else if (result === 'nothing') io.stdout.write('Nothing to restore: gaming mode keeps no set of models now.\n');
  else io.stderr.write(`loadout gaming: ${message ?? `the restore was ${result}`}\n`);
  return result === 'ok' || result === 'nothing' ? 0 : 1;
}

export const gamingCommand: CliCommand = {
  name: 'gaming',
  summary: 'Gaming mode: unload the models while a game runs, restore them after (status, on, off, restore)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, USAGE, true);
    const [action = 'status', ...rest] = positionals;
    if (rest.length) throw new UsageError(`Unexpected argument "${rest[0]}".`, USAGE);
    if (values.json && action !== 'status') throw new UsageError('--json goes with `gaming status` only.', USAGE);
    if (action === 'status') return status(io, values.json === true);
    if (action === 'on' || action === 'off') return setEnabled(io, action === 'on');
    if (action === 'restore') return restore(io);
    throw new UsageError(`Unknown gaming action "${action}": use status, on, off or restore.`, USAGE);
  },
};
