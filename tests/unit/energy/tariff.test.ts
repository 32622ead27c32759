import { describe, expect, it } from 'vitest';
import { compilePriceSchedule, parseClock, priceAt, slotCovers } from '../../../shared/energy/tariff';

const offPeak = { from: '22:00', to: '06:00', pricePerKWh: 0.5 };
const weekdayPeak = { from: '18:00', to: '21:00', days: [1, 2, 3, 4, 5], pricePerKWh: 1.5 };

describe('time-of-use tariff', () => {
  it('parses HH:MM and rejects nonsense', () => {
    expect(parseClock('06:30')).toBe(390);
    expect(parseClock('24:00')).toBe(1440);
    expect(parseClock('25:00')).toBeNull();
    expect(parseClock('7:00')).toBeNull();
  });

  it('a slot that wraps midnight covers the evening and the next morning', () => {
    expect(slotCovers(offPeak, 23 * 60, 3)).toBe(true);
    expect(slotCovers(offPeak, 5 * 60 + 59, 3)).toBe(true);
    expect(slotCovers(offPeak, 6 * 60, 3)).toBe(false);
    expect(slotCovers(offPeak, 12 * 60, 3)).toBe(false);
  });

  it('a wrapping slot limited to Friday still covers Saturday early morning, not Friday early morning', () => {
    const fridayNight = { ...offPeak, days: [5] };
    expect(slotCovers(fridayNight, 23 * 60, 5)).toBe(true);
    expect(slotCovers(fridayNight, 2 * 60, 6)).toBe(true);
    expect(slotCovers(fridayNight, 2 * 60, 5)).toBe(false);
  });

  it('first matching slot wins, else the flat tariff, else null', () => {
    expect(priceAt(19 * 60, 2, 0.9, [weekdayPeak, offPeak])).toBe(1.5);
    expect(priceAt(19 * 60, 0, 0.9, [weekdayPeak, offPeak])).toBe(0.9);
    expect(priceAt(23 * 60, 0, 0.9, [weekdayPeak, offPeak])).toBe(0.5);
    expect(priceAt(12 * 60, 0, null, [offPeak])).toBeNull();
  });

  it('a compiled schedule prices like priceAt and knows which hours have one price throughout', () => {
    const half = { from: '17:30', to: '19:00', pricePerKWh: 2 };
    const schedule = compilePriceSchedule(0.9, [weekdayPeak, offPeak, half, { from: '99:00', to: '01:00', pricePerKWh: 9 }]);
    for (let dow = 0; dow < 7; dow += 1) {
      for (const minute of [0, 359, 360, 1049, 1050, 1079, 1080, 1259, 1260, 1319, 1320, 1439]) {
        expect(schedule.priceAt(minute, dow)).toBe(priceAt(minute, dow, 0.9, [weekdayPeak, offPeak, half]));
      }
    }
    expect(schedule.uniformHour(17)).toBe(false);
    expect(schedule.uniformHour(18)).toBe(true);
    expect(schedule.boundariesInHour(17)).toEqual([1050]);
    expect(schedule.boundariesInHour(18)).toEqual([]);
    expect(schedule.priced).toBe(true);
    expect(compilePriceSchedule(null, []).priced).toBe(false);
  });
});
