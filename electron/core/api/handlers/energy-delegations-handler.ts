/** App API handler for `energy.delegations`: the delegation ledger's totals for a window, in the user's currency. */
import { unavailableError, type ContractHandlers } from '../../../../shared/contract';
import { parseSince } from '../../../../shared/energy/report-period';
import { resolveUserLocale } from '../../../../shared/i18n/user-locale';
import type { ApiServices } from './api-services';

/** Build the handler (`now` injectable for tests). */
export function createEnergyDelegationsHandler(
  services: ApiServices,
  now: () => number = Date.now,
): Pick<ContractHandlers, 'energy.delegations'> {
  return {
    async 'energy.delegations'(params) {
      if (!services.delegations)
        throw unavailableError(
          'energy.delegations',
          'delegation ledger',
          'Use `loadout energy --by client` from a terminal meanwhile.',
        );
      const until = now();
      // The enum leaves only windows parseSince knows, so it never answers null here.
      const since = parseSince(params?.since ?? 'today', until) ?? until;
      // Money in the currency of the UI language setting, as the energy reports do, not the server process's.
      const { currency } = resolveUserLocale(services.settings.get(), [services.locale]);
      return services.delegations.delegationSummary({ since, until, by: params?.by ?? 'client', currency });
    },
  };
}
