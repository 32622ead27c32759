/** App API handler for `app.info`: version, platform, locale and which services run here. */
import { APP_CONTRACT_VERSION, type ContractHandlers, type ServiceName } from '../../../../shared/contract';
import type { ApiServices } from './api-services';

/** Build the `app.info` handler. */
export function createAppHandlers(
  services: ApiServices,
  available: () => Record<ServiceName, boolean>,
): Pick<ContractHandlers, 'app.info'> {
  return {
    async 'app.info'() {
      return {
        name: 'Loadout',
        version: services.version,
        host: services.host,
        platform: process.platform,
        arch: process.arch,
        locale: services.locale,
        services: available(),
        secretStorage: services.secrets?.storage() ?? 'none',
        contract: APP_CONTRACT_VERSION,
        time: Date.now(),
        ...(services.waitingRequests ? { queue: services.waitingRequests() } : {}),
      };
    },
  };
}
