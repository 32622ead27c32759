/** energy.idleAlertCurrent and energy.idleAlertDismiss over a real tracker and watchdog: the standing alert, dismissal, snooze. */
import { afterEach, describe, expect, it } from 'vitest';
import { EnergyTracker } from '../../../electron/core/energy/energy-tracker';
import { IdleWatchdog } from '../../../electron/core/energy/idle-watchdog';
import type { EnergyService } from '../../../electron/core/energy/energy-service';
import { createEnergyHandlers } from '../../../electron/core/api/handlers/energy-handlers';
import type { ApiServices } from '../../../electron/core/api/handlers/api-services';
import { defaultSettings, type Settings } from '../../../shared/settings/schema';
import { sampleOf } from '../../support/h200-trace';
import { tempLedger } from '../../support/temp-ledger';

const ctx = { transport: 'ws' as const, callerId: 'test' };
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup() {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  let clock = Date.UTC(2026, 10, 26, 9, 0, 0);
  const settings = (): Settings => {
    const s = defaultSettings();
    return { ...s, energy: { ...s.energy, idleWatchdog: { enabled: true, thresholdW: 40, minutes: 10 } } };
  };
  const tracker = new EnergyTracker({
    ledger: t.ledger,
    getContext: () => ({ presetId: 'coding', loadedModelKeys: ['qwen'], inFlight: 0 }),
    gapLimitSeconds: () => 5,
    now: () => clock,
  });
  const watchdog = new IdleWatchdog({
    tracker,
    ledger: () => t.ledger,
    settings,
    currency: () => 'BRL',
    now: () => clock,
  });
  watchdog.start();
  const service = { tracker, ledger: t.ledger, watchdog, ledgerError: null } as unknown as EnergyService;
  const services = {
    locale: 'en-US',
    settings: { get: settings },
    energy: { service: () => service },
  } as unknown as ApiServices;
  const handlers = createEnergyHandlers(services, () => clock);
  const run = (minutes: number, powerW: number) => {
    const end = clock + minutes * 60_000;
    for (; clock < end; clock += 1000) tracker.ingest(sampleOf(clock, { powerW, util: 0 }));
  };
  return { handlers, run, now: () => clock };
}

describe('idle alert API', () => {
  it('gives the standing alert to a window opened later, and dismisses or snoozes it', async () => {
    const { handlers, run, now } = setup();
    expect(await handlers['energy.idleAlertCurrent'](undefined, ctx)).toBeNull();
    run(11, 200); // 200 W against the default baseline (10 % of 700 W) for 11 minutes
    const standing = await handlers['energy.idleAlertCurrent'](undefined, ctx);
    expect(standing).toMatchObject({ watts: 200, baselineW: 70, suggestedPresetId: 'gaming', minutes: 11 });
    expect(await handlers['energy.idleAlertDismiss']({ snoozeMinutes: 0 }, ctx)).toEqual({ snoozedUntil: null });
    expect(await handlers['energy.idleAlertCurrent'](undefined, ctx)).toBeNull();
    const snoozed = await handlers['energy.idleAlertDismiss']({ snoozeMinutes: 60 }, ctx);
    expect(snoozed.snoozedUntil).toBe(new Date(now() + 3_600_000).toISOString());
    run(30, 200);
    expect(await handlers['energy.idleAlertCurrent'](undefined, ctx)).toBeNull();
  });
});
