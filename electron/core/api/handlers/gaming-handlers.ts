/** App API handlers for `gaming.*`, over the core's gaming mode. */
import { unavailableError, type ContractHandlers, type MethodName } from '../../../../shared/contract';
import type { GamingMode } from '../../gaming/gaming-mode';
import type { ApiServices } from './api-services';

type GamingHandlers = Pick<ContractHandlers, 'gaming.status' | 'gaming.set' | 'gaming.restore' | 'gaming.unloadAnyway'>;

/** Build the gaming handlers. */
export function createGamingHandlers(services: ApiServices): GamingHandlers {
  const gaming = (method: MethodName): GamingMode => {
    if (!services.gaming)
      throw unavailableError(method, 'gaming mode', 'It runs in the tray app and `loadout serve`; start one of them.');
    return services.gaming;
  };
  return {
    async 'gaming.status'() {
      return gaming('gaming.status').status();
    },
    async 'gaming.set'(params) {
      return gaming('gaming.set').setEnabled(params.enabled);
    },
    async 'gaming.restore'() {
      const mode = gaming('gaming.restore');
      const outcome = await mode.restoreNow();
      return { ...outcome, status: mode.status() };
    },
    async 'gaming.unloadAnyway'() {
      return gaming('gaming.unloadAnyway').unloadAnyway();
    },
  };
}
