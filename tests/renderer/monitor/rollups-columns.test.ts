import { describe, expect, it } from 'vitest';
import { rollupsToColumns } from '../../../renderer/src/monitor/charts-grid';

describe('24 h power from the ledger rollups', () => {
  it('maps minutes to seconds with average and peak, unknown power as a gap', () => {
    const [t, avg, peak] = rollupsToColumns([
      {
        minute: '2026-11-26T10:00:00.000Z',
        energyWh: 2,
        avgPowerW: 120,
        peakPowerW: 180,
        idleSeconds: 0,
        loadedIdleSeconds: 10,
        inferringSeconds: 50,
      },
      {
        minute: '2026-11-26T10:01:00.000Z',
        energyWh: 0,
        avgPowerW: null,
        peakPowerW: null,
        idleSeconds: 60,
        loadedIdleSeconds: 0,
        inferringSeconds: 0,
      },
    ]) as unknown as Float64Array[];
    expect(Array.from(t!)).toEqual([
      Date.parse('2026-11-26T10:00:00Z') / 1000,
      Date.parse('2026-11-26T10:01:00Z') / 1000,
    ]);
    expect(avg![0]).toBe(120);
    expect(peak![0]).toBe(180);
    expect(Number.isNaN(avg![1])).toBe(true);
  });
});
