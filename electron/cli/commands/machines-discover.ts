/**
 * `loadout machines discover [--seconds N] [--json]`: browse the LAN for Loadout agents that announce
 * themselves (fleet.discovery on at both ends) and print the `machines add` line for each one not added
 * yet. Finding an agent trusts nothing: adding it still takes its token and pins its fingerprint.
 */
import { APP_CONTRACT_VERSION } from '../../../shared/contract/app';
import { browseAgents, type BonjourLike, type FoundAgent } from '../../core/fleet/lan-discovery';
import { normalizeDeviceName } from '../../core/fleet/lm-link';
import { resolveDataDir } from '../../core/paths';
import { SettingsStore } from '../../core/settings/settings-store';
import type { CliIo } from '../command';

export const DEFAULT_DISCOVER_SECONDS = 3;

/** `--seconds` as a number from 1 to 60; a sentence for the usage error otherwise. */
export function parseDiscoverSeconds(raw: string | undefined): number | string {
  if (raw === undefined) return DEFAULT_DISCOVER_SECONDS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 60)
    return `--seconds is how long to listen, from 1 to 60 (got "${raw}"); e.g. --seconds 5.`;
  return seconds;
}

function describe(agent: FoundAgent): string {
  const version = agent.version ? `Loadout ${agent.version}` : 'Loadout';
  const old =
    agent.contractVersion !== null && agent.contractVersion < APP_CONTRACT_VERSION
      ? ' (older than this Loadout: update it there first)'
      : '';
  return `${agent.name}  ${agent.url}  ${version}${old}\n  add it: loadout machines add ${normalizeDeviceName(agent.name) || 'NAME'} ${agent.url} --token-stdin`;
}

export async function discover(
  io: CliIo,
  options: { seconds: number; json: boolean; bonjour?: BonjourLike },
): Promise<number> {
  const settings = new SettingsStore({ dataDir: resolveDataDir(io.env) }).get();
  if (!settings.fleet.discovery) {
    io.stderr.write(
      'loadout machines: LAN discovery is off, so nothing was browsed. Turn it on with `loadout config set fleet.discovery true` (on the agents too), or add a machine by its URL with `loadout machines add NAME URL`.\n',
    );
    return 1;
  }
  let failure: unknown = null;
  const found = await browseAgents({
    seconds: options.seconds,
    machines: settings.machines,
    bonjour: options.bonjour,
    onError: (error) => (failure ??= error),
  });
  if (failure !== null) {
    io.stderr.write(
      `loadout machines: LAN discovery failed (${String(failure)}); check that this machine may use multicast (UDP 5353), or add a machine by its URL with \`loadout machines add NAME URL\`.\n`,
    );
    return 1;
  }
  const fresh = found.filter((a) => !a.added);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ discovered: fresh, alreadyAdded: found.filter((a) => a.added) }, null, 2)}\n`);
    return 0;
  }
  if (!fresh.length) {
    const added = found.length ? ` (${found.length} found, all already added)` : '';
    io.stdout.write(
      `No new Loadout agents announced themselves in ${options.seconds} s${added}. An agent announces itself when it serves off loopback with fleet.discovery on.\n`,
    );
    return 0;
  }
  io.stdout.write(`${fresh.map(describe).join('\n\n')}\n`);
  io.stdout.write(
    '\nAdding one takes its token (LOADOUT_MACHINE_TOKEN or --token-stdin) and pins its certificate: compare the fingerprint with the one its `loadout serve` printed.\n',
  );
  return 0;
}
