/** App API handlers for `energy.*`: summary, reports and per-minute rollups from the energy ledger, and the idle alert. */
import {
  AppApiError,
  unavailableError,
  type ContractHandlers,
  type IdleAlert,
  type MethodName,
} from '../../../../shared/contract';
import { resolveUserLocale } from '../../../../shared/i18n/user-locale';
import { buildEnergyReport } from '../../energy/energy-reports';
import type { EnergyService } from '../../energy/energy-service';
import type { IdlePowerEvent } from '../../energy/idle-watchdog';
import type { ApiServices } from './api-services';
import { localMidnightBefore, summarizeEnergy, toContractReport } from './energy-report-mapping';
import { readEnergyRollups } from './energy-rollups-query';

type EnergyHandlers = Pick<
  ContractHandlers,
  'energy.summary' | 'energy.report' | 'energy.rollups' | 'energy.idleAlertCurrent' | 'energy.idleAlertDismiss'
>;

const SINCE_DAYS = { '24h': 1, '7d': 7, '30d': 30 } as const;

/** Build the energy handlers (`now` injectable for tests). */
export function createEnergyHandlers(services: ApiServices, now: () => number = Date.now): EnergyHandlers {
  const service = (method: MethodName): EnergyService => {
    if (!services.energy)
      throw unavailableError(method, 'energy ledger', 'Use `loadout energy` from a terminal meanwhile.');
    return services.energy.service();
  };
  // Costs in the currency of the UI language setting (the windows and the CLI read the same), not of the server's process.
  const report = (
    svc: EnergyService,
    fromMs: number,
    toMs: number,
    by: 'day' | 'week' | 'month' | 'preset' | 'model',
  ) => {
    const settings = services.settings.get();
    return buildEnergyReport(svc.ledger, {
      fromMs,
      toMs,
      by,
      settings,
      locale: resolveUserLocale(settings, [services.locale]).language,
    });
  };
  return {
    async 'energy.summary'() {
      const svc = service('energy.summary');
      const t = now();
      return summarizeEnergy(report(svc, localMidnightBefore(t, 29), t, 'day'), t);
    },
    async 'energy.report'(params) {
      const svc = service('energy.report');
      const since = params?.since ?? '24h';
      const by = params?.by ?? 'day';
      const t = now();
      const fromMs = t - SINCE_DAYS[since] * 86_400_000;
      return toContractReport(report(svc, fromMs, t, by === 'state' ? 'day' : by), by === 'state');
    },
    async 'energy.rollups'({ sinceMs }) {
      const svc = service('energy.rollups');
      if (!svc.ledger)
        throw new AppApiError(
          'unavailable',
          svc.ledgerError ?? 'The energy ledger is not open, so there is no history to chart.',
        );
      return readEnergyRollups(svc.ledger, sinceMs);
    },
    async 'energy.idleAlertCurrent'() {
      const event = service('energy.idleAlertCurrent').watchdog.current();
      return event ? toIdleAlert(event, now()) : null;
    },
    async 'energy.idleAlertDismiss'(params) {
      const until = service('energy.idleAlertDismiss').watchdog.dismiss(params?.snoozeMinutes ?? 0);
      return { snoozedUntil: until === null ? null : new Date(until).toISOString() };
    },
  };
}

/** The watchdog's event in the contract's shape. */
export function toIdleAlert(event: IdlePowerEvent, nowMs: number): IdleAlert {
  const { costPerDay: _cost, ...words } = event.suggestion.words; // the cost travels once, as costPerDay
  return {
    watts: event.watts,
    baselineW: event.baselineW,
    minutes: Math.max(0, Math.round((nowMs - Date.parse(event.since)) / 60_000)),
    costPerDay: event.costPerDay === null ? null : { amount: event.costPerDay, currency: event.currency },
    suggestedPresetId: event.suggestion.presetId,
    message: event.suggestion.message,
    words,
  };
}
