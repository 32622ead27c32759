/** Costs over the app API follow the UI language setting (and energy.currency), not the server process's locale. */
import { afterEach, describe, expect, it } from 'vitest';
import { EnergyTracker } from '../../../electron/core/energy/energy-tracker';
import { IdleWatchdog } from '../../../electron/core/energy/idle-watchdog';
import type { EnergyService } from '../../../electron/core/energy/energy-service';
import { createEnergyHandlers } from '../../../electron/core/api/handlers/energy-handlers';
import type { ApiServices } from '../../../electron/core/api/handlers/api-services';
import { resolveUserLocale } from '../../../shared/i18n/user-locale';
import { defaultSettings, type Settings } from '../../../shared/settings/schema';
import { sampleOf } from '../../support/h200-trace';
import { tempLedger } from '../../support/temp-ledger';

const ctx = { transport: 'ws' as const, callerId: 'test' };
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A server whose process runs in `osLocale`, with the given language and currency settings and an hour recorded. */
function serverWith(osLocale: string, language: Settings['ui']['language'], currency: string | null) {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  let clock = Date.UTC(2026, 10, 26, 9, 0, 0);
  const settings = (): Settings => {
    const s = defaultSettings();
    return {
      ...s,
      ui: { ...s.ui, language },
      energy: { ...s.energy, tariff: 0.89, currency, idleWatchdog: { enabled: true, thresholdW: 40, minutes: 10 } },
    };
  };
  const tracker = new EnergyTracker({
    ledger: t.ledger,
    getContext: () => ({ presetId: 'coding', loadedModelKeys: ['qwen'], inFlight: 0 }),
    gapLimitSeconds: () => 5,
    now: () => clock,
  });
  // The watchdog is wired as createEnergyService wires it: the same resolver, the process's locale.
  const watchdog = new IdleWatchdog({
    tracker,
    ledger: () => t.ledger,
    settings,
    currency: () => resolveUserLocale(settings(), [osLocale]).currency,
    now: () => clock,
  });
  watchdog.start();
  const service = { tracker, ledger: t.ledger, watchdog, ledgerError: null } as unknown as EnergyService;
  const services = {
    locale: osLocale,
    settings: { get: settings },
    energy: { service: () => service },
  } as unknown as ApiServices;
  const handlers = createEnergyHandlers(services, () => clock);
  for (const end = clock + 11 * 60_000; clock < end; clock += 1000)
    tracker.ingest(sampleOf(clock, { powerW: 200, util: 0 }));
  tracker.stop();
  return handlers;
}

describe('one locale source for money', () => {
  it('prices in BRL when the setting is pt-BR on an English server, as the CLI does', async () => {
    const handlers = serverWith('en-US', 'pt-BR', null);
    const summary = await handlers['energy.summary'](undefined, ctx);
    expect(summary.today.cost?.currency).toBe('BRL');
    const report = await handlers['energy.report']({ since: '24h', by: 'preset' }, ctx);
    expect(report.cost?.currency).toBe('BRL');
    expect((await handlers['energy.idleAlertCurrent'](undefined, ctx))?.costPerDay?.currency).toBe('BRL');
  });

  it('prices in USD when the setting is English on a Brazilian server', async () => {
    const handlers = serverWith('pt-BR', 'en', null);
    expect((await handlers['energy.summary'](undefined, ctx)).today.cost?.currency).toBe('USD');
    expect((await handlers['energy.idleAlertCurrent'](undefined, ctx))?.costPerDay?.currency).toBe('USD');
  });

  it('follows the OS locale on "auto", and energy.currency overrides the currency only', async () => {
    expect((await serverWith('pt-BR', 'auto', null)['energy.summary'](undefined, ctx)).today.cost?.currency).toBe(
      'BRL',
    );
    expect((await serverWith('pt-BR', 'pt-BR', 'EUR')['energy.summary'](undefined, ctx)).today.cost?.currency).toBe(
      'EUR',
    );
  });
});
