/**
 * Where the router may send a question besides this machine's LM Studio: other machines' LM Studio
 * servers (the user's multi-machine plan) and one optional cloud OpenAI-compatible endpoint, off
 * unless configured. Read from the environment until settings carry them (LOADOUT_REMOTES, LOADOUT_CLOUD_*).
 */

export interface RemoteEndpointConfig {
  id: string;
  label: string;
  /** LM Studio base URL on that machine, e.g. http://192.168.1.20:1234 */
  baseUrl: string;
  token: string | null;
}

export interface CloudEndpointConfig {
  label: string;
  /** OpenAI-compatible base URL including /v1, e.g. https://api.openai.com/v1 */
  openAiBaseUrl: string;
  apiKey: string;
  model: string;
  contextLength: number;
  vision: boolean;
}

export interface RoutingEndpointsConfig {
  remotes: RemoteEndpointConfig[];
  cloud: CloudEndpointConfig | null;
  /** Lines a person should read (a malformed entry that was skipped). */
  problems: string[];
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * Parse `LOADOUT_REMOTES="workstation=http://192.168.1.20:1234,nas=http://10.0.0.5:1234"` and
 * `LOADOUT_CLOUD_URL` + `LOADOUT_CLOUD_MODEL` + `LOADOUT_CLOUD_API_KEY` (+ optional `LOADOUT_CLOUD_LABEL`,
 * `LOADOUT_CLOUD_CONTEXT`, `LOADOUT_CLOUD_VISION=1`). Malformed entries are skipped and reported.
 */
export function readRoutingEndpoints(env: NodeJS.ProcessEnv): RoutingEndpointsConfig {
  const problems: string[] = [];
  const remotes: RemoteEndpointConfig[] = [];
  for (const raw of (env.LOADOUT_REMOTES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = raw.indexOf('=');
    const label = eq > 0 ? raw.slice(0, eq).trim() : '';
    const url = eq > 0 ? raw.slice(eq + 1).trim() : raw;
    const parsed = parseUrl(url);
    if (!parsed || !/^https?:$/.test(parsed.protocol)) {
      problems.push(`LOADOUT_REMOTES: "${raw}" is not name=http://host:port; skipped.`);
      continue;
    }
    const base = url.replace(/\/+$/, '').replace(/\/v1$/, '');
    remotes.push({
      id: `remote:${label || parsed.host}`,
      label: label || parsed.host,
      baseUrl: base,
      token: env.LOADOUT_REMOTES_TOKEN?.trim() || null,
    });
  }
  let cloud: CloudEndpointConfig | null = null;
  const url = env.LOADOUT_CLOUD_URL?.trim();
  if (url) {
    const model = env.LOADOUT_CLOUD_MODEL?.trim();
    const apiKey = env.LOADOUT_CLOUD_API_KEY?.trim();
    const host = parseUrl(url)?.host ?? null;
    if (!host) problems.push(`LOADOUT_CLOUD_URL "${url}" is not a URL: the cloud fallback stays off.`);
    else if (!model || !apiKey)
      problems.push(
        'LOADOUT_CLOUD_URL is set but LOADOUT_CLOUD_MODEL or LOADOUT_CLOUD_API_KEY is missing: the cloud fallback stays off.',
      );
    else {
      const ctx = Number(env.LOADOUT_CLOUD_CONTEXT);
      cloud = {
        label: env.LOADOUT_CLOUD_LABEL?.trim() || host,
        openAiBaseUrl: url.replace(/\/+$/, ''),
        apiKey,
        model,
        contextLength: Number.isInteger(ctx) && ctx > 0 ? ctx : 128_000,
        vision: env.LOADOUT_CLOUD_VISION === '1',
      };
    }
  }
  return { remotes, cloud, problems };
}
