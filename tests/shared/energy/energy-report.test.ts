import { describe, expect, it } from 'vitest';
import {
  shapeEnergyReport,
  weekOf,
  type LedgerAggregate,
  type ReportInput,
} from '../../../shared/energy/energy-report';

const kWh = 3_600_000;
function agg(over: Partial<LedgerAggregate>): LedgerAggregate {
  return {
    day: '2026-11-26',
    gpuKey: 'g',
    presetId: 'coding',
    modelKeys: ['qwen'],
    energyJ: kWh,
    cost: 0.9,
    unpricedJ: 0,
    seconds: { idleEmpty: 0, loadedIdle: 3600, inferring: 0 },
    joules: { idleEmpty: 0, loadedIdle: kWh, inferring: 0 },
    peakW: 1200,
    coveredMs: 3_600_000,
    powerIntegratedJ: 0,
    ...over,
  };
}
const input = (over: Partial<ReportInput>): ReportInput => ({
  fromMs: Date.UTC(2026, 10, 20),
  toMs: Date.UTC(2026, 10, 27),
  by: 'day',
  aggregates: [],
  requests: [],
  gaps: [],
  baselines: { g: 100 },
  currency: 'BRL',
  priced: true,
  gridIntensity: null,
  presetNames: { coding: 'Coding' },
  ...over,
});

describe('energy report shaping', () => {
  it('totals kWh, cost and CO2e, and the top-level keys are exactly the CLI contract', () => {
    const r = shapeEnergyReport(
      input({ aggregates: [agg({}), agg({ day: '2026-11-25', powerIntegratedJ: 5 })], gridIntensity: 80 }),
    );
    expect(Object.keys(r)).toEqual(['from', 'to', 'kWh', 'cost', 'co2Grams', 'method', 'gaps', 'rows']);
    expect(r.kWh).toBe(2);
    expect(r.cost).toEqual({ amount: 1.8, currency: 'BRL' });
    expect(r.co2Grams).toBe(160);
    expect(r.method).toBe('power-integration');
    expect(r.rows.map((x) => x.key)).toEqual(['2026-11-25', '2026-11-26']);
  });

  it('says counter when every joule came from the hardware counter', () => {
    expect(shapeEnergyReport(input({ aggregates: [agg({})] })).method).toBe('counter');
  });

  it('idle waste is idle energy above the baseline (1 kWh in an hour = 1000 W; baseline 100 W → 0.9 kWh)', () => {
    const r = shapeEnergyReport(input({ aggregates: [agg({})] }));
    expect(r.rows[0]).toMatchObject({ idleShare: 1, idleWasteKWh: 0.9, avgW: 1000, peakW: 1200 });
  });

  it('cost is null (not zero) when some energy had no price', () => {
    const r = shapeEnergyReport(input({ aggregates: [agg({ cost: 0, unpricedJ: kWh })] }));
    expect(r.cost.amount).toBeNull();
    expect(r.rows[0]!.cost).toBeNull();
    expect(shapeEnergyReport(input({ aggregates: [], priced: false })).cost.amount).toBeNull();
    expect(shapeEnergyReport(input({ aggregates: [] })).cost.amount).toBe(0);
  });

  it('by model splits shared minutes evenly and attaches request figures (Wh per 1k tokens)', () => {
    const r = shapeEnergyReport(
      input({
        by: 'model',
        aggregates: [
          agg({ modelKeys: ['qwen', 'llama'] }),
          agg({
            modelKeys: [],
            energyJ: kWh / 2,
            joules: { idleEmpty: kWh / 2, loadedIdle: 0, inferring: 0 },
            seconds: { idleEmpty: 3600, loadedIdle: 0, inferring: 0 },
          }),
        ],
        requests: [{ model: 'qwen', day: '2026-11-26', presetId: 'coding', count: 2, tokens: 2000, energyJ: 7200 }],
      }),
    );
    const byKey = Object.fromEntries(r.rows.map((x) => [x.key, x]));
    expect(byKey.qwen!.kWh).toBe(0.5);
    expect(byKey.llama!.kWh).toBe(0.5);
    expect(byKey['(no model loaded)']!.kWh).toBe(0.5);
    expect(byKey.qwen!.requests).toEqual({ count: 2, tokens: 2000, whPer1kTokens: 1 });
    expect(r.kWh).toBe(1.5);
  });

  it('by preset labels rows with the preset name; week and month fold days', () => {
    expect(
      shapeEnergyReport(input({ by: 'preset', aggregates: [agg({}), agg({ presetId: null })] }))
        .rows.map((x) => x.label)
        .sort(),
    ).toEqual(['(no preset)', 'Coding']);
    expect(weekOf('2026-11-26')).toBe('2026-11-23');
    expect(weekOf('2026-11-23')).toBe('2026-11-23');
    expect(weekOf('2026-11-22')).toBe('2026-11-16');
    const month = shapeEnergyReport(
      input({ by: 'month', aggregates: [agg({}), agg({ day: '2026-11-01' }), agg({ day: '2026-10-31' })] }),
    );
    expect(month.rows.map((x) => [x.key, x.kWh])).toEqual([
      ['2026-10', 1],
      ['2026-11', 2],
    ]);
  });
});
