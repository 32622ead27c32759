/** App API handlers for `settings.*`: read without secrets, patch, and the encrypted LM Studio token and routing secrets. */
import {
  AppApiError,
  applySettingsPatch,
  toPublicSettings,
  type ContractEventSink,
  type ContractHandlers,
  type RoutingSecretTarget,
} from '../../../../shared/contract';
import { machineTokenEnvName } from '../../../../shared/settings/machine-token-env';
import type { Settings } from '../../../../shared/settings/schema';
import type { SettingsFileProblem } from '../../settings/settings-store';
import { secretStorageRefusal } from '../secret-refusal';
import type { ApiServices } from './api-services';

type SettingsHandlers = Pick<
  ContractHandlers,
  | 'settings.get'
  | 'settings.lmStudioUrl'
  | 'settings.problem'
  | 'settings.set'
  | 'settings.setLmStudioToken'
  | 'settings.setRoutingSecret'
>;

/** Settings with one routing secret replaced; throws when the machine named is not in the list. */
function withRoutingSecret(current: Settings, target: RoutingSecretTarget, encrypted: string | null): Settings {
  const routing = current.routing;
  if (target.kind === 'cloud')
    return { ...current, routing: { ...routing, cloud: { ...routing.cloud, apiKeyEncrypted: encrypted } } };
  if (!current.machines.some((m) => m.name === target.name)) {
    throw new AppApiError(
      'not-found',
      `No machine named "${target.name}" in the machines list; add it first, then set its token.`,
    );
  }
  return {
    ...current,
    machines: current.machines.map((m) => (m.name === target.name ? { ...m, tokenEncrypted: encrypted } : m)),
  };
}

/** The contract's view of a settings problem (only its documented fields). */
export function settingsProblemInfo(problem: SettingsFileProblem | null) {
  return (
    problem && {
      file: problem.file,
      paths: problem.paths,
      detail: problem.detail,
      issues: problem.issues,
      more: problem.more,
      message: problem.message,
    }
  );
}

/** Build the settings handlers; every change is announced as `settings.changed`. */
export function createSettingsHandlers(services: ApiServices, events: ContractEventSink): SettingsHandlers {
  const { settings } = services;
  return {
    async 'settings.get'() {
      return toPublicSettings(settings.get());
    },
    async 'settings.lmStudioUrl'() {
      const inUse = services.lmstudio?.urlInUse();
      return { inUse: inUse ? { url: inUse.url, source: inUse.source, ignored: inUse.ignored } : null };
    },
    async 'settings.problem'() {
      settings.get(); // reads the file again if it changed, so the answer is current
      return { problem: settingsProblemInfo(settings.problem) };
    },
    async 'settings.set'(patch) {
      const saved = settings.update((current) => applySettingsPatch(current, patch));
      // fleet.discovery turned on or off: the LAN browser follows now, not at its next check.
      if (patch.fleet) services.lan?.refresh();
      const pub = toPublicSettings(saved);
      events.emit('settings.changed', pub);
      return pub;
    },
    async 'settings.setLmStudioToken'({ token }) {
      const codec = services.secrets;
      if (token !== null && (!codec || !codec.isAvailable())) {
        throw secretStorageRefusal(
          'settings.setLmStudioToken',
          codec,
          'token',
          'the LM_API_TOKEN environment variable',
        );
      }
      let encrypted: string | null = null;
      try {
        encrypted = token === null ? null : codec!.encrypt(token);
      } catch (error) {
        throw new AppApiError(
          'failed',
          `The OS keychain refused to encrypt the token (${error instanceof Error ? error.message : String(error)}). Unlock your keychain and try again, or use LM_API_TOKEN.`,
        );
      }
      const saved = settings.update((current) => ({
        ...current,
        lmstudio: { ...current.lmstudio, tokenEncrypted: encrypted },
      }));
      services.lmstudio?.resetDetection();
      events.emit('settings.changed', toPublicSettings(saved));
      return { hasToken: encrypted !== null };
    },
    async 'settings.setRoutingSecret'({ target, secret }) {
      const codec = services.secrets;
      const what = target.kind === 'cloud' ? 'cloud API key' : `token for ${target.name}`;
      if (secret !== null && (!codec || !codec.isAvailable())) {
        throw secretStorageRefusal(
          'settings.setRoutingSecret',
          codec,
          what,
          target.kind === 'cloud'
            ? 'LOADOUT_CLOUD_API_KEY'
            : `${machineTokenEnvName(target.name)} (or LOADOUT_REMOTES_TOKEN)`,
        );
      }
      let encrypted: string | null = null;
      try {
        encrypted = secret === null ? null : codec!.encrypt(secret);
      } catch (error) {
        throw new AppApiError(
          'failed',
          `The OS keychain refused to encrypt the ${what} (${error instanceof Error ? error.message : String(error)}). Unlock your keychain and try again.`,
        );
      }
      const saved = settings.update((current) => withRoutingSecret(current, target, encrypted));
      const pub = toPublicSettings(saved);
      events.emit('settings.changed', pub);
      return pub;
    },
  };
}
