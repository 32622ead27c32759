/** The desk's energy total: known machines add up, unknown ones are named, costs add only in one currency. */
import { describe, expect, it } from 'vitest';
import { sumDeskEnergy } from '../../../shared/energy/desk-energy';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('sumDeskEnergy', () => {
  it('adds kWh and cost of the known machines and names the unknown one instead of counting 0', () => {
    const total = sumDeskEnergy([
      { name: 'desk-pc', today: { kWh: 0.75, cost: usd(0.3) } },
      { name: 'workstation', today: { kWh: 1.25, cost: usd(0.5) } },
      { name: 'laptop', today: null },
    ]);
    expect(total.kWh).toBeCloseTo(2);
    expect(total.cost?.currency).toBe('USD');
    expect(total.cost?.amount).toBeCloseTo(0.8);
    expect(total.unknown).toEqual(['laptop']);
    expect(total.costMixed).toBe(false);
  });

  it('gives no cost across currencies, and none when no machine has a tariff', () => {
    const mixed = sumDeskEnergy([
      { name: 'a', today: { kWh: 1, cost: usd(1) } },
      { name: 'b', today: { kWh: 1, cost: { amount: 2, currency: 'BRL' } } },
    ]);
    expect(mixed).toMatchObject({ kWh: 2, cost: null, costMixed: true, unknown: [] });
    expect(sumDeskEnergy([{ name: 'a', today: { kWh: 1, cost: null } }]).cost).toBeNull();
  });
});
