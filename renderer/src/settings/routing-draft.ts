/**
 * The routing and local-API part of the settings window as an editable draft, and its validation into a
 * settings patch plus the secrets to store (tokens and the cloud key go through `settings.setRoutingSecret`,
 * never through the patch, and are never read back).
 */
import type { PublicSettings, RoutingSecretTarget, SettingsPatch } from '../../../shared/contract/settings';
import { httpUrlProblem, TOKEN_HINTS } from '../../../shared/settings/http-url';

export interface RoutingDraft {
  openAiEndpoint: boolean;
  port: string;
  allowJitLoad: boolean;
  classifyWithModel: boolean;
  cloudEnabled: boolean;
  cloudBaseUrl: string;
  cloudModel: string;
  cloudLabel: string;
  /** A new API key typed by the user; empty = keep what is stored. */
  cloudApiKey: string;
}

export type RoutingField = 'port' | 'cloudBaseUrl' | 'cloudModel';

/** Which field is wrong. */
export interface RoutingDraftError {
  field: RoutingField;
}

export interface RoutingSave {
  patch: SettingsPatch;
  secrets: Array<{ target: RoutingSecretTarget; secret: string }>;
}

/** The draft for the saved settings (secret fields start empty: what is stored never comes back). */
export function toRoutingDraft(s: PublicSettings): RoutingDraft {
  const c = s.routing.cloud;
  return {
    openAiEndpoint: s.server.openAiEndpoint,
    port: String(s.server.port),
    allowJitLoad: s.routing.allowJitLoad,
    classifyWithModel: s.routing.classifyWithModel,
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
  // The same URL rule as the settings schema, or the save is refused as a whole: a typed cloud URL is
  // checked even while the cloud is off (kept, it must be one the schema accepts); an empty one means "not set".
  const cloudUrl = d.cloudBaseUrl.trim();
  if ((d.cloudEnabled || cloudUrl !== '') && httpUrlProblem(cloudUrl, TOKEN_HINTS.cloud))
    return { field: 'cloudBaseUrl' };
  if (d.cloudEnabled && !d.cloudModel.trim()) return { field: 'cloudModel' };
  const secrets: RoutingSave['secrets'] = [];
  if (d.cloudApiKey.trim()) secrets.push({ target: { kind: 'cloud' }, secret: d.cloudApiKey.trim() });
  return {
    patch: {
      server: { openAiEndpoint: d.openAiEndpoint, port },
      routing: {
        allowJitLoad: d.allowJitLoad,
        classifyWithModel: d.classifyWithModel,
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
