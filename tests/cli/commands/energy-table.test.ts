/** The `loadout energy` table: totals a person can trust even when the ledger holds only seconds of data. */
import { describe, expect, it } from 'vitest';
import { renderEnergyTable } from '../../../electron/cli/commands/energy';
import type { EnergyReport, ReportRow } from '../../../shared/energy/energy-report';

const row = (key: string, idleEmpty: number, total: number): ReportRow => ({
  key,
  label: key,
  kWh: total,
  cost: null,
  co2Grams: null,
  kWhByState: { idleEmpty, loadedIdle: 0, inferring: 0 },
  seconds: { idleEmpty: 2, loadedIdle: 0, inferring: 0 },
  idleShare: 1,
  idleWasteKWh: 0,
  avgW: 112,
  peakW: 124.5,
  requests: null,
});

describe('renderEnergyTable', () => {
  it('never shows an idle share above 100 % when the rounded parts pass the total', () => {
    // As recorded after a few seconds of `loadout monitor`: each part rounded up, the total rounded down.
    const report: EnergyReport = {
      from: '2026-11-25T04:23:00.000Z',
      to: '2026-11-26T04:23:00.000Z',
      kWh: 0.000119,
      cost: { amount: null, currency: 'USD' },
      co2Grams: null,
      method: 'power-integration',
      gaps: [],
      rows: [row('2026-11-25', 0.00006, 0.00006), row('2026-11-26', 0.00006, 0.00006)],
    };
    const table = renderEnergyTable(report, 'day', 'en');
    const total = table.split('\n').find((l) => l.startsWith('total'))!;
    expect(total).toContain('100 %');
    const shares = [...table.matchAll(/(\d+) %/g)].map((m) => Number(m[1]));
    expect(Math.max(...shares)).toBe(100);
  });

  it('writes small amounts with two significant digits, never as 0', () => {
    const report: EnergyReport = {
      from: '2026-11-25T04:23:00.000Z',
      to: '2026-11-26T04:23:00.000Z',
      kWh: 0.00074,
      cost: { amount: 0.00066, currency: 'USD' },
      co2Grams: 0.074,
      method: 'power-integration',
      gaps: [],
      rows: [{ ...row('2026-11-26', 0.00074, 0.00074), cost: 0.00066 }],
    };
    const table = renderEnergyTable(report, 'day', 'en');
    expect(table).toContain('CO2e: 0.074 g');
    expect(table.split('\n').find((l) => l.startsWith('total'))).toMatch(/^total +0\.00074 +\$0\.00066 /);
  });
});

describe('renderEnergyTable in pt-BR', () => {
  it('writes its headings, the no-preset row and its numbers in Portuguese', () => {
    const report: EnergyReport = {
      from: '2026-11-25T04:23:00.000Z',
      to: '2026-11-26T04:23:00.000Z',
      kWh: 0.5,
      cost: { amount: 0.445, currency: 'BRL' },
      co2Grams: null,
      method: 'counter',
      gaps: [],
      rows: [{ ...row('(no preset)', 0.5, 0.5), cost: 0.445 }],
    };
    const table = renderEnergyTable(report, 'preset', 'pt-BR').replace(/\s/g, ' ');
    expect(table).toContain('Energia da GPU');
    expect(table).toMatch(/preset +kWh +custo +parcela ociosa/);
    expect(table).toContain('(sem preset)');
    expect(table).toContain('0,500');
    expect(table).toMatch(/R\$ 0,4[45]/);
    expect(table).not.toMatch(/\b(cost|idle|total energy|no preset)\b/);
  });
});
