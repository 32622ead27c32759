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

  it('a compiled schedule prices each minute as the slots say, and knows which hours have one price throughout', () => {
    const half = { from: '17:30', to: '19:00', pricePerKWh: 2 };
    const schedule = compilePriceSchedule(0.9, [
      { from: '99:00', to: '01:30', pricePerKWh: 9 },
      weekdayPeak,
      offPeak,
      half,
    ]);
    // Worked out by hand: off-peak 22:00–06:00 every day; 17:30–18:00 the half slot; 18:00–21:00 the
    // weekday peak Monday to Friday, else the half slot until 19:00; the flat tariff elsewhere.
    const expected: Array<[minute: number, weekday: number, weekend: number]> = [
      [0, 0.5, 0.5],
      [359, 0.5, 0.5],
      [360, 0.9, 0.9],
      [1049, 0.9, 0.9],
      [1050, 2, 2],
      [1079, 2, 2],
      [1080, 1.5, 2],
      [1139, 1.5, 2],
      [1140, 1.5, 0.9],
      [1259, 1.5, 0.9],
      [1260, 0.9, 0.9],
      [1319, 0.9, 0.9],
      [1320, 0.5, 0.5],
      [1439, 0.5, 0.5],
    ];
    for (const [minute, weekday, weekend] of expected) {
      for (const dow of [1, 2, 3, 4, 5])
        expect(schedule.priceAt(minute, dow), `minute ${minute}, day ${dow}`).toBe(weekday);
      for (const dow of [0, 6]) expect(schedule.priceAt(minute, dow), `minute ${minute}, day ${dow}`).toBe(weekend);
    }
    expect(schedule.uniformHour(17)).toBe(false);
    expect(schedule.uniformHour(18)).toBe(true);
    expect(schedule.boundariesInHour(17)).toEqual([1050]);
    expect(schedule.boundariesInHour(18)).toEqual([]);
    // The malformed slot adds no boundary at 01:30.
    expect(schedule.uniformHour(1)).toBe(true);
    expect(schedule.priced).toBe(true);
    expect(compilePriceSchedule(null, []).priced).toBe(false);
  });
});
