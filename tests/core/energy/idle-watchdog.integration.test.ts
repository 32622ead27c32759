import { afterEach, describe, expect, it } from 'vitest';
import { EnergyTracker } from '../../../electron/core/energy/energy-tracker';
import { IdleWatchdog, type IdlePowerEvent } from '../../../electron/core/energy/idle-watchdog';
import { defaultSettings, type Settings } from '../../../shared/settings/schema';
import type { EnergyContext } from '../../../shared/energy/types';
import { sampleOf } from '../../support/h200-trace';
import { listenerErrorsTo } from '../../../shared/events/listener-errors-to';
import { tempLedger } from '../../support/temp-ledger';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function settings(): Settings {
  const s = defaultSettings();
  return {
    ...s,
    energy: { ...s.energy, tariff: 0.89, idleWatchdog: { enabled: true, thresholdW: 40, minutes: 10 } },
    presets: [{ id: 'gaming', name: 'Gaming', description: '', models: [], exclusive: true, builtIn: true }],
  };
}

/** `throwingListeners`: a listener that throws is subscribed first to the tracker and to the watchdog. */
function setup(throwingListeners = false) {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  let context: EnergyContext = { presetId: null, loadedModelKeys: [], inFlight: 0 };
  let clock = Date.UTC(2026, 10, 26, 9, 0, 0);
  const messages: string[] = [];
  const onMessage = (m: string) => messages.push(m);
  const tracker = new EnergyTracker({
    ledger: t.ledger,
    getContext: () => context,
    gapLimitSeconds: () => 5,
    now: () => clock,
    onMessage,
  });
  const watchdog = new IdleWatchdog({
    tracker,
    ledger: () => t.ledger,
    settings,
    currency: () => 'BRL',
    now: () => clock,
    onListenerError: listenerErrorsTo(onMessage, 'idle-power watchdog'),
  });
  if (throwingListeners) {
    tracker.subscribe(() => {
      throw new Error('tracker listener broke');
    });
    watchdog.subscribe(() => {
      throw new Error('alert listener broke');
    });
  }
  const events: IdlePowerEvent[] = [];
  watchdog.subscribe((e) => events.push(e));
  watchdog.start();
  const run = (minutes: number, powerW: number, util = 0) => {
    const end = clock + minutes * 60_000;
    for (; clock < end; clock += 1000) tracker.ingest(sampleOf(clock, { powerW, util }));
  };
  return {
    tracker,
    watchdog,
    events,
    run,
    setContext: (c: EnergyContext) => (context = c),
    ledger: t.ledger,
    messages,
  };
}

describe('idle-power watchdog', () => {
  it('goes on measuring and alerting when a listener of the tracker or the watchdog throws, and logs each failure', () => {
    const { events, run, setContext, messages } = setup(true);
    setContext({ presetId: null, loadedModelKeys: ['qwen'], inFlight: 0 });
    run(11, 120);
    expect(events).toHaveLength(1);
    expect(
      messages.filter((m) => m.includes('energy tracker\'s "observation"') && m.includes('tracker listener broke'))
        .length,
    ).toBeGreaterThan(600);
    expect(
      messages.filter((m) => m.includes('idle-power watchdog\'s "alert"') && m.includes('alert listener broke')),
    ).toHaveLength(1);
  });

  it('learns the idle baseline, then flags 130 W with models loaded and nothing running for 10 minutes (LM Studio #1403)', () => {
    const { events, run, setContext, watchdog } = setup();
    run(12, 35);
    setContext({ presetId: 'coding', loadedModelKeys: ['qwen'], inFlight: 0 });
    run(6, 130);
    // Baselines are re-read every 5 minutes; by now the 12 idle-empty minutes are in the ledger.
    expect(watchdog.baselineFor('GPU-h200', 700).source).toBe('learned');
    run(6, 130);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e).toMatchObject({
      gpuKey: 'GPU-h200',
      gpuName: 'NVIDIA H200',
      watts: 130,
      baselineW: 35,
      baselineSource: 'learned',
      excessW: 95,
      currency: 'BRL',
    });
    expect(e.kWhPerDay).toBeCloseTo(2.28, 3);
    expect(e.costPerDay).toBeCloseTo(2.28 * 0.89, 3);
    expect(e.suggestion).toMatchObject({ action: 'apply-preset', presetId: 'gaming', label: 'Gaming' });
    expect(e.suggestion.message).toContain('130 W');
    // The cost per day, in the event's currency (R$ 0.89/kWh × 2.28 kWh).
    expect(e.suggestion.message).toContain('2.28 kWh a day, about R$2.03 a day');
  });

  it('stays quiet while the GPU is inferring, and without a learned baseline uses 10 % of the power limit', () => {
    const { events, run, setContext, watchdog } = setup();
    setContext({ presetId: null, loadedModelKeys: ['qwen'], inFlight: 1 });
    run(15, 400, 90);
    expect(events).toHaveLength(0);
    expect(watchdog.baselineFor('GPU-h200', 700)).toEqual({ watts: 70, source: 'power-limit' });
    setContext({ presetId: null, loadedModelKeys: ['qwen'], inFlight: 0 });
    run(11, 120);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ baselineW: 70, baselineSource: 'power-limit', excessW: 50 });
  });

  it('keeps the alert standing until dismissed or the excess ends; a snooze silences it, then it warns again', () => {
    const { events, run, setContext, watchdog } = setup();
    run(12, 35);
    setContext({ presetId: 'coding', loadedModelKeys: ['qwen'], inFlight: 0 });
    run(12, 130);
    expect(events).toHaveLength(1);
    expect(watchdog.current()).toBe(events[0]); // a monitor opened from the notification shows it
    run(2, 35); // the models were unloaded: the excess is over after the grace period
    expect(watchdog.current()).toBeNull();
    run(12, 130);
    expect(events).toHaveLength(2);
    expect(watchdog.dismiss()).toBeNull();
    expect(watchdog.current()).toBeNull();
    run(2, 35);
    run(12, 130);
    expect(events).toHaveLength(3);
    const until = watchdog.dismiss(60);
    expect(until).toBeGreaterThan(Date.UTC(2026, 10, 26, 9, 0, 0));
    run(59, 130); // still burning, but snoozed
    expect(events).toHaveLength(3);
    expect(watchdog.current()).toBeNull();
    run(12, 130); // the snooze is over: a new episode of 10 minutes warns again
    expect(events).toHaveLength(4);
  });
});
