/**
 * The routing and local-API part of the settings window as an editable draft, and its validation into a
 * settings patch plus the secrets to store (tokens and the cloud key go through `settings.setRoutingSecret`,
 * never through the patch, and are never read back).
 */
import type { PublicSettings, RoutingSecretTarget, SettingsPatch } from '../../../shared/contract/settings';
import { httpUrlProblem, TOKEN_HINTS } from '../../../shared/settings/http-url';

export interface EndpointDraft {
  /** Stable React key for the row (names can change while typing). */
  key: string;
  name: string;
  baseUrl: string;
  /** A new token typed by the user; empty = keep what is stored. */
  token: string;
  /** The name it was saved under (null for a new row): a stored token stays with that name only. */
  savedName: string | null;
}

export interface RoutingDraft {
  openAiEndpoint: boolean;
  port: string;
  allowJitLoad: boolean;
  classifyWithModel: boolean;
  endpoints: EndpointDraft[];
  cloudEnabled: boolean;
  cloudBaseUrl: string;
  cloudModel: string;
  cloudLabel: string;
  /** A new API key typed by the user; empty = keep what is stored. */
  cloudApiKey: string;
}

export type RoutingField = 'port' | 'endpointName' | 'endpointUrl' | 'cloudBaseUrl' | 'cloudModel';

/** Which field is wrong; `index` names the machine row for endpoint fields. */
export interface RoutingDraftError {
  field: RoutingField;
  index?: number;
}

export interface RoutingSave {
  patch: SettingsPatch;
  secrets: Array<{ target: RoutingSecretTarget; secret: string }>;
}

let rowSeq = 0;
/** A fresh row key for a machine in the list. */
export function newEndpointKey(): string {
  rowSeq += 1;
  return `endpoint-${rowSeq}`;
}

/** The draft for the saved settings (secret fields start empty: what is stored never comes back). */
export function toRoutingDraft(s: PublicSettings): RoutingDraft {
  const c = s.routing.cloud;
  return {
    openAiEndpoint: s.server.openAiEndpoint,
    port: String(s.server.port),
    allowJitLoad: s.routing.allowJitLoad,
    classifyWithModel: s.routing.classifyWithModel,
    endpoints: s.routing.endpoints.map((e) => ({
      key: newEndpointKey(),
      name: e.name,
      baseUrl: e.baseUrl,
      token: '',
      savedName: e.name,
    })),
    cloudEnabled: c.enabled,
    cloudBaseUrl: c.baseUrl,
    cloudModel: c.model,
    cloudLabel: c.label,
    cloudApiKey: '',
  };
}

/** The port as a number when it is a valid TCP port, else null. */
export function parsePort(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 65535 ? n : null;
}

/** The URL OpenAI-compatible clients use for Loadout's local endpoint on `port`. */
export function localApiUrl(port: number): string {
  return `http://127.0.0.1:${port}/v1`;
}

const trimUrl = (url: string) => url.trim().replace(/\/+$/, '');

/** Validate the draft into a patch and the secrets to store, or say which field is wrong. */
export function routingDraftToPatch(d: RoutingDraft): RoutingSave | RoutingDraftError {
  const port = parsePort(d.port);
  if (port === null) return { field: 'port' };
  const names = new Set<string>();
  for (const [index, e] of d.endpoints.entries()) {
    const name = e.name.trim();
    if (!name || names.has(name)) return { field: 'endpointName', index };
    names.add(name);
    if (httpUrlProblem(e.baseUrl.trim(), TOKEN_HINTS.remote)) return { field: 'endpointUrl', index };
  }
  // The same URL rule as the settings schema, or the save is refused as a whole: a typed cloud URL is
  // checked even while the cloud is off (kept, it must be one the schema accepts); an empty one means "not set".
  const cloudUrl = d.cloudBaseUrl.trim();
  if ((d.cloudEnabled || cloudUrl !== '') && httpUrlProblem(cloudUrl, TOKEN_HINTS.cloud))
    return { field: 'cloudBaseUrl' };
  if (d.cloudEnabled && !d.cloudModel.trim()) return { field: 'cloudModel' };
  const endpoints = d.endpoints.map((e) => ({ name: e.name.trim(), baseUrl: trimUrl(e.baseUrl) }));
  const secrets: RoutingSave['secrets'] = d.endpoints
    .filter((e) => e.token.trim() !== '')
    .map((e) => ({ target: { kind: 'endpoint', name: e.name.trim() }, secret: e.token.trim() }));
  if (d.cloudApiKey.trim()) secrets.push({ target: { kind: 'cloud' }, secret: d.cloudApiKey.trim() });
  return {
    patch: {
      server: { openAiEndpoint: d.openAiEndpoint, port },
      routing: {
        allowJitLoad: d.allowJitLoad,
        classifyWithModel: d.classifyWithModel,
        endpoints,
        cloud: {
          enabled: d.cloudEnabled,
          baseUrl: trimUrl(d.cloudBaseUrl),
          model: d.cloudModel.trim(),
          label: d.cloudLabel.trim(),
        },
      },
    },
    secrets,
  };
}
