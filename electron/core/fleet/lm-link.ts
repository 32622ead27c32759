/**
 * LM Studio's LM Link as the fleet sees it (issue 18): what `lms link status --json` prints, read with
 * zod, turned into the contract's LmLinkState. LM Link names its devices but gives no address, so a
 * peer is "added" when a machine in `machines` carries its name, by machine name or by the first label
 * of its URL's host (a tailnet MagicDNS name such as `workstation.tail1234.ts.net`).
 *
 * The JSON shape is lmstudio-ai/lms `src/subcommands/link/status.ts`: the SDK's LMLinkStatusResult
 * (`status`, `issues`, `peers`, `deviceIdentifier`, `deviceName`, `preferredDeviceIdentifier`,
 * `reconnectInSeconds`, `lastError`) with each peer's `loadedModels` added by the CLI.
 */
import { z } from 'zod';
import type { LmLinkStateSchema } from '../../../shared/contract/fleet';
import type { Machine } from '../../../shared/settings/schema';

export type LmLinkState = z.infer<typeof LmLinkStateSchema>;

const LmsLinkPeerSchema = z.object({
  deviceIdentifier: z.string(),
  deviceName: z.string(),
  status: z.enum(['connected', 'disconnected']),
  // Older lms builds print the SDK status without the CLI's per-peer models.
  loadedModels: z.array(z.string()).default([]),
});

/** `lms link status --json`. Issues stay strings: a new one still means "not usable", with its name shown. */
export const LmsLinkStatusSchema = z.object({
  status: z.enum(['offline', 'starting', 'online', 'stopping']),
  issues: z.array(z.string()).default([]),
  peers: z.array(LmsLinkPeerSchema),
  deviceIdentifier: z.string().nullable().optional(),
  deviceName: z.string(),
  preferredDeviceIdentifier: z.string().optional(),
  reconnectInSeconds: z.number().optional(),
  lastError: z.object({ message: z.string(), timestamp: z.number() }).optional(),
});
export type LmsLinkStatus = z.infer<typeof LmsLinkStatusSchema>;

/** What each issue the SDK knows means to the user, and what to do. */
const ISSUE_MESSAGES: Record<string, string> = {
  deviceDisabled: 'LM Link is switched off on this machine. Run `lms link enable` to switch it on.',
  notLoggedIn: 'LM Link is not running because LM Studio is not logged in. Run `lms login`.',
  noAccess: 'This LM Studio account has no access to LM Link. Request it at https://lmstudio.ai/lm-link.',
  badVersion: "LM Link's protocol has changed: update LM Studio (or `lms daemon update`) to use it.",
};

/** LM Link could not be read (no `lms`, off, an unknown answer): nothing to offer, and why. */
export function lmLinkUnavailable(message: string): LmLinkState {
  return { available: false, servedBy: null, peers: [], message };
}

/** A device or host name as a host name makes of it: lower case, no apostrophes, other runs as one '-'. */
export function normalizeDeviceName(name: string): string {
  return name
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function hostLabel(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    // An IP address names no device.
    if (/^[\d.]+$/.test(host) || host.includes(':') || host.startsWith('[')) return null;
    return host.split('.')[0] ?? null;
  } catch {
    return null;
  }
}

/** True when `machine` points at the LM Link device called `deviceName`. */
export function machineIsLmLinkDevice(machine: Pick<Machine, 'name' | 'url'>, deviceName: string): boolean {
  const device = normalizeDeviceName(deviceName);
  if (device === '') return false;
  if (normalizeDeviceName(machine.name) === device) return true;
  const label = hostLabel(machine.url);
  return label !== null && normalizeDeviceName(label) === device;
}

function problemOf(link: LmsLinkStatus): string | null {
  const issue = link.issues[0];
  if (issue !== undefined)
    return (
      ISSUE_MESSAGES[issue] ?? `LM Link reports "${issue}", which this Loadout does not know; see \`lms link status\`.`
    );
  if (link.status === 'online') return null;
  if (link.status === 'offline') {
    const why = link.lastError ? `: ${link.lastError.message}` : '';
    const retry = link.reconnectInSeconds !== undefined ? ` It reconnects in ${link.reconnectInSeconds} s.` : '';
    return `LM Link is offline${why}.${retry}`;
  }
  return link.status === 'starting' ? 'LM Link is still connecting.' : 'LM Link is shutting down.';
}

/** The contract's LM Link state from a parsed status and the machines in the settings. */
export function lmLinkStateOf(link: LmsLinkStatus, machines: readonly Pick<Machine, 'name' | 'url'>[]): LmLinkState {
  const problem = problemOf(link);
  if (problem !== null) return lmLinkUnavailable(problem);
  const local = link.deviceIdentifier ?? null;
  const preferred = link.preferredDeviceIdentifier;
  // localhost:1234 is served elsewhere only while the preferred device is another one and connected.
  const servedFrom =
    preferred !== undefined && preferred !== local
      ? link.peers.find((p) => p.deviceIdentifier === preferred && p.status === 'connected')
      : undefined;
  return {
    available: true,
    servedBy: servedFrom?.deviceName ?? null,
    peers: link.peers
      .filter((p) => p.deviceIdentifier !== local)
      .map((p) => ({
        name: p.deviceName,
        address: null,
        online: p.status === 'connected',
        loadedModels: p.loadedModels,
        added: machines.some((m) => machineIsLmLinkDevice(m, p.deviceName)),
      })),
    message: null,
  };
}

/** What `lms link status --json` printed, read into the contract's state; a bad answer says what it was. */
export function parseLmLinkStatus(stdout: string, machines: readonly Pick<Machine, 'name' | 'url'>[]): LmLinkState {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    const head = stdout.trim().slice(0, 80);
    return lmLinkUnavailable(
      `\`lms link status --json\` did not print JSON (${head === '' ? 'nothing' : `"${head}"`}): this lms may be too old for LM Link; update LM Studio.`,
    );
  }
  const parsed = LmsLinkStatusSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
      .join('; ');
    return lmLinkUnavailable(
      `\`lms link status --json\` answered in a shape this Loadout does not know (${where}); update Loadout, and report it if that does not help.`,
    );
  }
  return lmLinkStateOf(parsed.data, machines);
}
