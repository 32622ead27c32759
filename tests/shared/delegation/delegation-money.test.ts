/** A delegation's money: local cost at the tariff of its minute (time-of-use included), cloud cost avoided for answered asks only. */
import { describe, expect, it } from 'vitest';
import { delegationMoney, delegationSaving } from '../../../shared/delegation/delegation-money';
import { defaultSettings, type Settings } from '../../../shared/settings/schema';

function settings(energy: Partial<Settings['energy']> = {}): Settings {
  const s = defaultSettings();
  return { ...s, energy: { ...s.energy, ...energy } };
}

const NOON = new Date(2026, 10, 26, 12, 0).getTime();
const NIGHT = new Date(2026, 10, 26, 23, 30).getTime();

describe('delegationMoney', () => {
  it('prices the tokens at mcp.cloudPrice (3 and 15 per million by default) and the Wh at the tariff', () => {
    const m = delegationMoney(
      { at: NOON, answered: true, energyWh: 18, promptTokens: 40_000, completionTokens: 21_000 },
      settings({ tariff: 0.8 }),
    );
    expect(m.cloudCostAvoided).toBeCloseTo(0.04 * 3 + 0.021 * 15, 9);
    expect(m.costLocal).toBeCloseTo(0.018 * 0.8, 9);
    expect(delegationSaving(m.cloudCostAvoided, m.costLocal)).toBeCloseTo(0.435 - 0.0144, 9);
  });

  it('takes the time-of-use price of the minute the ask ended', () => {
    const s = settings({ tariff: 1, timeOfUse: [{ from: '22:00', to: '06:00', pricePerKWh: 0.5 }] });
    expect(
      delegationMoney({ at: NIGHT, answered: true, energyWh: 1000, promptTokens: 0, completionTokens: 0 }, s).costLocal,
    ).toBeCloseTo(0.5, 9);
    expect(
      delegationMoney({ at: NOON, answered: true, energyWh: 1000, promptTokens: 0, completionTokens: 0 }, s).costLocal,
    ).toBeCloseTo(1, 9);
  });

  it('gives no cloud saving for a decline, and no local cost without a tariff or a reading', () => {
    expect(
      delegationMoney(
        { at: NOON, answered: false, energyWh: null, promptTokens: 500, completionTokens: 0 },
        settings({ tariff: 1 }),
      ),
    ).toEqual({ costLocal: null, cloudCostAvoided: null });
    expect(
      delegationMoney({ at: NOON, answered: true, energyWh: 5, promptTokens: 0, completionTokens: 0 }, settings())
        .costLocal,
    ).toBeNull();
    expect(delegationSaving(null, 0.2)).toBeNull();
    expect(delegationSaving(0.3, null)).toBeCloseTo(0.3, 9);
  });
});
