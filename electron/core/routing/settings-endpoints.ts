/**
 * Where the router may send a question, from the settings (`machines`, `routing.cloud`) with
 * the environment on top: LOADOUT_REMOTES replaces the machines list and LOADOUT_CLOUD_URL the cloud
 * endpoint (the CLI's overrides, see routing-endpoints.ts). Keys and tokens are stored only encrypted;
 * the core reads them through a `getSecret(name)` the tray app backs with safeStorage (the CLI has none,
 * so it takes LOADOUT_CLOUD_API_KEY / LOADOUT_MACHINE_TOKEN_<NAME> / LOADOUT_REMOTES_TOKEN instead).
 * Only 'lmstudio-only' machines are read here: a Loadout agent is routed to through its own contract,
 * from the fleet watch (fleet-endpoints.ts), so its busy state and energy stay in its own ledger.
 */
import { machineTokenEnvName } from '../../../shared/settings/machine-token-env';
import type { Settings } from '../../../shared/settings/schema';
import type { LmLinkState } from '../fleet/lm-link';
import { dedupeLmLinkTargets } from './lm-link-targets';
import {
  readRoutingEndpoints,
  type CloudEndpointConfig,
  type RemoteEndpointConfig,
  type RoutingEndpointsConfig,
} from './routing-endpoints';

/** A stored secret's name: `routing.cloud.apiKey`, or `machines.<machine name>.token`. */
export type SecretName = 'routing.cloud.apiKey' | `machines.${string}.token`;

/** Decrypts a stored secret by name; null when none is stored or it cannot be decrypted here. */
export type SecretGetter = (name: SecretName) => string | null;

/** The name under which a machine's token is stored. */
export function endpointSecretName(machine: string): SecretName {
  return `machines.${machine}.token`;
}

/** The encrypted value (base64) stored for `name`, or null: what the tray app decrypts for `getSecret`. */
export function encryptedSecret(settings: Settings, name: SecretName): string | null {
  if (name === 'routing.cloud.apiKey') return settings.routing.cloud.apiKeyEncrypted;
  const machine = /^machines\.(.+)\.token$/.exec(name)?.[1];
  return settings.machines.find((m) => m.name === machine)?.tokenEncrypted ?? null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

/** A machine's token: its own environment variable, then the stored one, then LOADOUT_REMOTES_TOKEN (LM Studio-only machines). */
export function machineToken(
  machine: Settings['machines'][number],
  env: NodeJS.ProcessEnv,
  getSecret?: SecretGetter,
): string | null {
  const own = env[machineTokenEnvName(machine.name)]?.trim();
  if (own) return own;
  const stored = machine.tokenEncrypted ? getSecret?.(endpointSecretName(machine.name)) : null;
  if (stored) return stored;
  return machine.kind === 'lmstudio-only' ? env.LOADOUT_REMOTES_TOKEN?.trim() || null : null;
}

function remotesFromSettings(
  machines: Settings['machines'],
  env: NodeJS.ProcessEnv,
  getSecret: SecretGetter | undefined,
  problems: string[],
): RemoteEndpointConfig[] {
  const remotes: RemoteEndpointConfig[] = [];
  for (const m of machines.filter((x) => x.kind === 'lmstudio-only')) {
    const url = m.url.trim();
    if (!hostOf(url) || !/^https?:/i.test(url)) {
      problems.push(`machines: "${m.name}" has no http(s) URL (${url}); skipped.`);
      continue;
    }
    remotes.push({
      id: `remote:${m.name}`,
      label: m.name,
      baseUrl: url.replace(/\/+$/, '').replace(/\/v1$/, ''),
      token: machineToken(m, env, getSecret),
    });
  }
  return remotes;
}

function cloudFromSettings(
  cloud: Settings['routing']['cloud'],
  env: NodeJS.ProcessEnv,
  getSecret: SecretGetter | undefined,
  problems: string[],
): CloudEndpointConfig | null {
  if (!cloud.enabled) return null;
  const url = cloud.baseUrl.trim();
  const host = hostOf(url);
  const model = cloud.model.trim();
  if (!host) {
    problems.push(
      `routing.cloud.baseUrl "${url}" is not a URL: the cloud fallback stays off. Set it with \`loadout config set routing.cloud.baseUrl https://…/v1\`.`,
    );
    return null;
  }
  if (!model) {
    problems.push(
      'routing.cloud.model is empty: the cloud fallback stays off. Set it with `loadout config set routing.cloud.model NAME`.',
    );
    return null;
  }
  const apiKey =
    env.LOADOUT_CLOUD_API_KEY?.trim() || (cloud.apiKeyEncrypted ? getSecret?.('routing.cloud.apiKey') : null) || null;
  if (!apiKey) {
    problems.push(
      cloud.apiKeyEncrypted
        ? 'The cloud API key is stored encrypted by the tray app and cannot be read here: set LOADOUT_CLOUD_API_KEY to use the cloud fallback from the CLI.'
        : "The cloud fallback is on but has no API key: enter it in the tray app's settings, or set LOADOUT_CLOUD_API_KEY.",
    );
    return null;
  }
  return {
    label: cloud.label.trim() || host,
    openAiBaseUrl: url.replace(/\/+$/, ''),
    apiKey,
    model,
    contextLength: cloud.contextLength ?? 128_000,
    vision: cloud.vision ?? false,
  };
}

/**
 * The endpoints to route to: the settings, with LOADOUT_REMOTES / LOADOUT_CLOUD_URL (when set) in their place.
 * With `lmLink`, the machine LM Link serves localhost:1234 from is left out: it is routed to once, as local.
 */
export function resolveRoutingEndpoints(
  routing: Settings['routing'],
  machines: Settings['machines'],
  env: NodeJS.ProcessEnv,
  getSecret?: SecretGetter,
  lmLink?: Pick<LmLinkState, 'available' | 'servedBy'> | null,
): RoutingEndpointsConfig {
  const fromEnv = readRoutingEndpoints(env);
  const problems = [...fromEnv.problems];
  const configured = env.LOADOUT_REMOTES?.trim()
    ? fromEnv.remotes
    : remotesFromSettings(machines, env, getSecret, problems);
  const deduped = dedupeLmLinkTargets(configured, lmLink);
  const remotes = deduped.remotes;
  problems.push(...deduped.problems);
  const cloud = env.LOADOUT_CLOUD_URL?.trim()
    ? fromEnv.cloud
    : cloudFromSettings(routing.cloud, env, getSecret, problems);
  return { remotes, cloud, problems };
}
