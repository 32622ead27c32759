/** App API handlers for `settings.*`: read without secrets, patch, and the encrypted LM Studio token. */
import {
  AppApiError,
  applySettingsPatch,
  toPublicSettings,
  unavailableError,
  type ContractEventSink,
  type ContractHandlers,
} from '../../../../shared/contract';
import type { ApiServices } from './api-services';

type SettingsHandlers = Pick<ContractHandlers, 'settings.get' | 'settings.set' | 'settings.setLmStudioToken'>;

/** Build the settings handlers; every change is announced as `settings.changed`. */
export function createSettingsHandlers(services: ApiServices, events: ContractEventSink): SettingsHandlers {
  const { settings } = services;
  return {
    async 'settings.get'() {
      return toPublicSettings(settings.get());
    },
    async 'settings.set'(patch) {
      const saved = settings.update((current) => applySettingsPatch(current, patch));
      const pub = toPublicSettings(saved);
      events.emit('settings.changed', pub);
      return pub;
    },
    async 'settings.setLmStudioToken'({ token }) {
      const codec = services.secrets;
      if (token !== null && (!codec || !codec.isAvailable())) {
        throw unavailableError(
          'settings.setLmStudioToken',
          'OS keychain',
          'Loadout stores the token only encrypted; here it cannot. Set the LM_API_TOKEN environment variable before starting Loadout instead.',
        );
      }
      let encrypted: string | null = null;
      try {
        encrypted = token === null ? null : codec!.encrypt(token);
      } catch (error) {
        throw new AppApiError('failed', `The OS keychain refused to encrypt the token (${error instanceof Error ? error.message : String(error)}). Unlock your keychain and try again, or use LM_API_TOKEN.`);
      }
      const saved = settings.update((current) => ({ ...current, lmstudio: { ...current.lmstudio, tokenEncrypted: encrypted } }));
      services.lmstudio?.resetDetection();
      events.emit('settings.changed', toPublicSettings(saved));
      return { hasToken: encrypted !== null };
    },
  };
}
