import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EnergyTracker } from '../../../electron/core/energy/energy-tracker';
import { buildEnergyReport } from '../../../electron/core/energy/energy-reports';
import { defaultSettings, type Settings } from '../../../shared/settings/schema';
import type { EnergyContext } from '../../../shared/energy/types';
import { counterAt, readNvml, readStream, sampleOf } from '../../support/h200-trace';
import { tempLedger } from '../../support/temp-ledger';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
beforeAll(() => {
  process.env.TZ = 'UTC';
});

function setup(context: () => EnergyContext = () => ({ presetId: null, loadedModelKeys: [], inFlight: 0 })) {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  const tracker = new EnergyTracker({ ledger: t.ledger, getContext: context, gapLimitSeconds: () => 5, writerId: 'a' });
  return { ...t, tracker };
}
function settingsWith(energy: Partial<Settings['energy']>): Settings {
  const s = defaultSettings();
  return { ...s, energy: { ...s.energy, ...energy } };
}

describe('energy ledger (tracker → SQLite → report)', () => {
  it('stores the real trace at 1-s sampling and reports kWh within 0.5 % of the counter', () => {
    const { ledger, tracker } = setup(() => ({ presetId: 'coding', loadedModelKeys: ['qwen2.5-7b'], inFlight: 0 }));
    const nvml = readNvml();
    const rows = readStream().filter((_, i) => i % 5 === 1);
    for (const r of rows) tracker.ingest(sampleOf(r.tMs, { powerW: r.powerW, util: r.util }));
    tracker.stop();
    const from = rows[0]!.tMs;
    const to = rows[rows.length - 1]!.tMs;
    const report = buildEnergyReport(ledger, {
      fromMs: from - 60_000,
      toMs: to + 60_000,
      by: 'preset',
      settings: settingsWith({ tariff: 0.89 }),
      locale: 'pt-BR',
    });
    const reference = (counterAt(nvml, to) - counterAt(nvml, from)) / 1000 / 3_600_000;
    expect(Math.abs(report.kWh / reference - 1)).toBeLessThan(0.005);
    expect(report.method).toBe('power-integration');
    expect(report.cost.currency).toBe('BRL');
    expect(report.cost.amount).toBeCloseTo(report.kWh * 0.89, 4);
    expect(report.rows[0]).toMatchObject({ key: 'coding' });
    // Loaded and bursty: both loaded-idle and inferring time are attributed.
    expect(report.rows[0]!.seconds.inferring).toBeGreaterThan(5);
    expect(report.rows[0]!.seconds.loadedIdle).toBeGreaterThan(5);
  });

  it('prices each minute by the time-of-use schedule in SQL, wrapping midnight', () => {
    const { ledger, tracker } = setup();
    const start = Date.UTC(2026, 10, 26, 21, 58, 0); // Thursday, 21:58 UTC (TZ=UTC)
    for (let t = start; t <= start + 4 * 60_000; t += 1000) tracker.ingest(sampleOf(t, { powerW: 360 }));
    tracker.stop();
    const settings = settingsWith({ tariff: 1, timeOfUse: [{ from: '22:00', to: '06:00', pricePerKWh: 0.5 }] });
    const report = buildEnergyReport(ledger, { fromMs: start, toMs: start + 5 * 60_000, by: 'day', settings });
    // 2 minutes at 1/kWh and 2 at 0.5/kWh, 360 W: 0.006 kWh per minute.
    expect(report.kWh).toBeCloseTo(0.024, 6);
    expect(report.cost.amount).toBeCloseTo(0.012 * 1 + 0.012 * 0.5, 4);
    expect(
      buildEnergyReport(ledger, { fromMs: start, toMs: start + 5 * 60_000, by: 'day', settings: settingsWith({}) }).cost
        .amount,
    ).toBeNull();
  });

  it('hourly rollups, edge minutes and split hours add up to the minute-by-minute truth for any window', () => {
    const { ledger, tracker } = setup();
    const start = Date.UTC(2026, 10, 26, 8, 0, 0);
    // Power steps every 7 minutes so that no two hours look alike.
    const watts = (t: number) => 100 + 40 * (Math.floor((t - start) / 420_000) % 5);
    for (let t = start; t <= start + 4 * 3_600_000; t += 1000) tracker.ingest(sampleOf(t, { powerW: watts(t) }));
    tracker.stop();
    const slots = [
      { from: '09:30', to: '10:15', pricePerKWh: 2 },
      { from: '11:00', to: '11:20', pricePerKWh: 3 },
    ];
    const price = (t: number) => {
      const m = new Date(t).getUTCHours() * 60 + new Date(t).getUTCMinutes();
      return m >= 570 && m < 615 ? 2 : m >= 660 && m < 680 ? 3 : 1;
    };
    for (const [from, to] of [
      [start, start + 4 * 3_600_000],
      [start + 17 * 60_000, start + 3 * 3_600_000 + 41 * 60_000],
      [start + 95 * 60_000, start + 100 * 60_000],
    ] as const) {
      let joules = 0;
      let cost = 0;
      for (let t = from; t < to; t += 1000) {
        const j = (watts(t) + watts(t + 1000)) / 2;
        joules += j;
        cost += (j / 3_600_000) * price(t);
      }
      const report = buildEnergyReport(ledger, {
        fromMs: from,
        toMs: to,
        by: 'day',
        settings: settingsWith({ tariff: 1, timeOfUse: slots }),
      });
      expect(report.kWh).toBeCloseTo(joules / 3_600_000, 5);
      expect(report.cost.amount).toBeCloseTo(cost, 3);
    }
  });

  it('records gaps longer than the limit instead of bridging them, merging repeats', () => {
    const { ledger, tracker } = setup();
    const t0 = Date.UTC(2026, 10, 26, 10, 0, 0);
    tracker.ingest(sampleOf(t0, { powerW: 100 }));
    tracker.ingest(sampleOf(t0 + 1000, { powerW: 100 }));
    tracker.ingest(sampleOf(t0 + 601_000, { powerW: 100 })); // laptop asleep for 10 minutes
    tracker.ingest(sampleOf(t0 + 602_000, { powerW: 100 }));
    tracker.stop();
    const report = buildEnergyReport(ledger, {
      fromMs: t0,
      toMs: t0 + 3_600_000,
      by: 'day',
      settings: defaultSettings(),
    });
    expect(report.kWh).toBeCloseTo(200 / 3_600_000, 6);
    expect(report.gaps).toHaveLength(1);
    expect(report.gaps[0]).toMatchObject({
      gpu: 'GPU-h200',
      seconds: 600,
      reason: expect.stringContaining('limit 5.0 s'),
    });
  });

  it('records the time nothing was measuring (app closed) as a gap when measuring resumes', () => {
    const { ledger, tracker } = setup();
    const t0 = Date.UTC(2026, 10, 26, 10, 0, 0);
    for (let t = t0; t <= t0 + 90_000; t += 1000) tracker.ingest(sampleOf(t, { powerW: 100 }));
    tracker.stop();
    const later = new EnergyTracker({
      ledger,
      getContext: () => ({ presetId: null, loadedModelKeys: [], inFlight: 0 }),
      gapLimitSeconds: () => 5,
      writerId: 'b',
    });
    for (let t = t0 + 3_600_000; t <= t0 + 3_660_000; t += 1000) later.ingest(sampleOf(t, { powerW: 100 }));
    later.stop();
    const report = buildEnergyReport(ledger, {
      fromMs: t0,
      toMs: t0 + 7_200_000,
      by: 'day',
      settings: defaultSettings(),
    });
    expect(report.gaps).toEqual([
      expect.objectContaining({
        from: new Date(t0 + 120_000).toISOString(),
        to: new Date(t0 + 3_600_000).toISOString(),
        reason: expect.stringContaining('not measured'),
      }),
    ]);
  });

  it('a second process (CLI monitor beside the tray) does not double-count: one writer holds the lease', () => {
    const { ledger, tracker } = setup();
    const second = new EnergyTracker({
      ledger,
      getContext: () => ({ presetId: null, loadedModelKeys: [], inFlight: 0 }),
      gapLimitSeconds: () => 5,
      writerId: 'b',
    });
    const t0 = Date.UTC(2026, 10, 26, 10, 0, 0);
    for (let t = t0; t <= t0 + 180_000; t += 1000) {
      tracker.ingest(sampleOf(t, { powerW: 100 }));
      second.ingest(sampleOf(t, { powerW: 100 }));
    }
    tracker.flush();
    second.flush();
    const report = buildEnergyReport(ledger, {
      fromMs: t0,
      toMs: t0 + 3_600_000,
      by: 'day',
      settings: defaultSettings(),
    });
    expect(report.kWh).toBeCloseTo((100 * 180) / 3_600_000, 6);
  });

  it('the other process takes over when the writer stops, without losing its minutes', () => {
    const { ledger, tracker } = setup();
    let clock = Date.UTC(2026, 10, 26, 10, 0, 0);
    const second = new EnergyTracker({
      ledger,
      getContext: () => ({ presetId: null, loadedModelKeys: [], inFlight: 0 }),
      gapLimitSeconds: () => 5,
      writerId: 'b',
      now: () => clock,
    });
    const t0 = clock;
    for (let t = t0; t <= t0 + 120_000; t += 1000) {
      tracker.ingest(sampleOf(t, { powerW: 100 }));
      second.ingest(sampleOf(t, { powerW: 100 }));
    }
    tracker.stop(); // releases the lease
    for (let t = t0 + 121_000; t <= t0 + 240_000; t += 1000) second.ingest(sampleOf(t, { powerW: 100 }));
    clock += 240_000;
    second.stop();
    const report = buildEnergyReport(ledger, {
      fromMs: t0,
      toMs: t0 + 3_600_000,
      by: 'day',
      settings: defaultSettings(),
    });
    expect(report.kWh).toBeCloseTo((100 * 240) / 3_600_000, 6);
  });

  it('recordRequest stores the energy of the request interval and Wh per 1k tokens', async () => {
    const { ledger, tracker } = setup(() => ({ presetId: 'coding', loadedModelKeys: ['qwen'], inFlight: 1 }));
    const t0 = Date.UTC(2026, 10, 26, 10, 0, 0);
    for (let t = t0; t <= t0 + 20_000; t += 1000) tracker.ingest(sampleOf(t, { powerW: 360 }));
    const record = await tracker.recordRequest({
      model: 'qwen',
      tokens: 500,
      durationMs: 10_000,
      startedAt: new Date(t0 + 5000).toISOString(),
      endedAt: t0 + 15_000,
    });
    expect(record.energyJ).toBeCloseTo(3600, 6);
    expect(record.whPer1kTokens).toBeCloseTo(2, 6);
    expect(record.coverage).toBe(1);
    expect(record.id).toBeGreaterThan(0);
    // 40 s after the last reading: past the gap limit, so it settles at once, unmeasured.
    const uncovered = await tracker.recordRequest({
      model: 'qwen',
      tokens: 10,
      durationMs: 1000,
      startedAt: t0 + 60_000,
      endedAt: t0 + 61_000,
    });
    expect(uncovered.energyJ).toBeNull();
    expect(uncovered.note).toMatch(/not measured/);
    expect(() =>
      tracker.recordRequest({ model: 'q', tokens: 1, durationMs: 1, startedAt: 'never', endedAt: t0 }),
    ).toThrow(RangeError);
    tracker.stop();
    expect(ledger.requests(t0, t0 + 3_600_000).map((r) => r.tokens)).toEqual([10, 500]);
    const byModel = buildEnergyReport(ledger, {
      fromMs: t0,
      toMs: t0 + 3_600_000,
      by: 'model',
      settings: defaultSettings(),
    });
    expect(byModel.rows[0]).toMatchObject({ key: 'qwen', requests: { count: 2, tokens: 500, whPer1kTokens: 2 } });
  });

  it('a request recorded after an overlapping one was stored shares the overlap, and the stored one is corrected', async () => {
    const { ledger, tracker } = setup();
    const t0 = Date.UTC(2026, 10, 26, 11, 0, 0);
    for (let t = t0; t <= t0 + 10_000; t += 1000) tracker.ingest(sampleOf(t, { powerW: 100 }));
    const first = await tracker.recordRequest({
      model: 'a',
      tokens: 100,
      durationMs: 4000,
      startedAt: t0 + 1000,
      endedAt: t0 + 5000,
    });
    expect(first.energyJ).toBeCloseTo(400, 6); // alone as far as anyone knew: all of 4 s × 100 W
    const second = await tracker.recordRequest({
      model: 'b',
      tokens: 100,
      durationMs: 4000,
      startedAt: t0 + 3000,
      endedAt: t0 + 7000,
    });
    expect(second.energyJ).toBeCloseTo(300, 6); // 2 s shared (100 J) + 2 s alone (200 J)
    const stored = ledger.requests(t0, t0 + 60_000);
    expect(stored.find((r) => r.model === 'a')).toMatchObject({
      energyJ: expect.closeTo(300, 6) as unknown as number,
      whPer1kTokens: expect.closeTo(300 / 3.6 / 100, 6) as unknown as number,
    });
    expect(stored.reduce((sum, r) => sum + r.energyJ!, 0)).toBeCloseTo(600, 6); // 6 s × 100 W: nothing counted twice
    tracker.stop();
  });
});
