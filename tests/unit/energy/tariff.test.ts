import { describe, expect, it } from 'vitest';
import { parseClock, priceAt, priceRanges, slotCovers } from '../../../shared/energy/tariff';

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

  it('price ranges cover every minute of the week and agree with priceAt', () => {
    const ranges = priceRanges(0.9, [weekdayPeak, offPeak]);
    for (let dow = 0; dow < 7; dow += 1) {
      const day = ranges.filter((r) => r.dow === dow);
      expect(day[0]!.fromMinute).toBe(0);
      expect(day[day.length - 1]!.toMinute).toBe(1440);
      for (const minute of [0, 359, 360, 1079, 1080, 1259, 1260, 1319, 1320, 1439]) {
        const r = day.find((x) => minute >= x.fromMinute && minute < x.toMinute)!;
        expect(r.price).toBe(priceAt(minute, dow, 0.9, [weekdayPeak, offPeak]));
      }
    }
    expect(priceRanges(0.9, [])).toHaveLength(7);
  });
});
