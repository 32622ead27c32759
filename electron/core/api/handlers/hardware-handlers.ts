/** App API handlers for `hardware.*` and `profile.capacity`, over the hardware monitor. */
import { unavailableError, type ContractHandlers, type MethodName } from '../../../../shared/contract';
import { resolveUiLanguage } from '../../../../shared/i18n/languages';
import { buildMachineProfile } from '../../../../shared/profile/machine-profile';
import { renderProfileMarkdown } from '../../../../shared/profile/render-profile-markdown';
import type { HardwareMonitor } from '../../hardware/monitor-types';
import type { ApiServices } from './api-services';

type HardwareHandlers = Pick<
  ContractHandlers,
  'hardware.latest' | 'hardware.history' | 'hardware.inventory' | 'profile.capacity'
>;

/** Build the hardware handlers. */
export function createHardwareHandlers(services: ApiServices): HardwareHandlers {
  const monitor = (method: MethodName): HardwareMonitor => {
    if (!services.hardware)
      throw unavailableError(
        method,
        'hardware monitor',
        'Restart Loadout; if it persists, run `loadout monitor --once` to see why it does not start.',
      );
    return services.hardware;
  };
  return {
    async 'hardware.latest'() {
      return monitor('hardware.latest').latest();
    },
    async 'hardware.history'(params) {
      return monitor('hardware.history').history(params?.sinceMs);
    },
    async 'hardware.inventory'() {
      return monitor('hardware.inventory').inventory();
    },
    async 'profile.capacity'() {
      const profile = buildMachineProfile(await monitor('profile.capacity').inventory());
      const locale = resolveUiLanguage(services.settings.get().ui.language, [services.locale]);
      return {
        inventory: profile.inventory,
        ...profile.capacity,
        markdown: renderProfileMarkdown(profile, { locale }),
      };
    },
  };
}
