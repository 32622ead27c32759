// Time-of-use edges: clock parsing limits, slot starts and ends, midnight and the week's wrap (issue 15).
// Every expected price is written out by hand.
import { describe, expect, it } from 'vitest';
import { compilePriceSchedule, parseClock, priceAt, slotCovers } from '../../../shared/energy/tariff';

const SUN = 0;
const MON = 1;
const SAT = 6;

describe('parseClock', () => {
  it('reads the first and last minute of the day, and 24:00 as its end', () => {
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('23:59')).toBe(1439);
    expect(parseClock('12:59')).toBe(779);
    expect(parseClock('24:00')).toBe(1440);
  });

  it('rejects minutes past 59, hours past 24 and anything after 24:00', () => {
    expect(parseClock('12:60')).toBeNull();
    expect(parseClock('24:01')).toBeNull();
    expect(parseClock('30:00')).toBeNull();
  });

  it('accepts only the whole string HH:MM', () => {
    for (const bad of ['106:30', '06:300', ' 06:30', '06:30 ', '06-30', 'ab:cd', ''])
      expect(parseClock(bad), bad).toBeNull();
  });
});

describe('slotCovers', () => {
  const day = { from: '09:00', to: '17:00', pricePerKWh: 1 };

  it('includes the first minute and excludes the end minute of a daytime slot', () => {
    expect(slotCovers(day, 539, MON)).toBe(false);
    expect(slotCovers(day, 540, MON)).toBe(true);
    expect(slotCovers(day, 1019, MON)).toBe(true);
    expect(slotCovers(day, 1020, MON)).toBe(false);
  });

  it('includes 22:00 and excludes 06:00 of a slot crossing midnight', () => {
    const night = { from: '22:00', to: '06:00', pricePerKWh: 0.5 };
    expect(slotCovers(night, 1319, MON)).toBe(false);
    expect(slotCovers(night, 1320, MON)).toBe(true);
    expect(slotCovers(night, 0, MON)).toBe(true);
    expect(slotCovers(night, 359, MON)).toBe(true);
    expect(slotCovers(night, 360, MON)).toBe(false);
  });

  it('gives Sunday morning to a Saturday-night slot, across the end of the week', () => {
    const saturdayNight = { from: '23:00', to: '02:00', days: [SAT], pricePerKWh: 0.4 };
    expect(slotCovers(saturdayNight, 60, SUN)).toBe(true);
    expect(slotCovers(saturdayNight, 60, SAT)).toBe(false);
    expect(slotCovers(saturdayNight, 23 * 60, SAT)).toBe(true);
    expect(slotCovers(saturdayNight, 23 * 60, SUN)).toBe(false);
  });

  it('gives Monday morning to a Sunday-night slot, and not Sunday morning', () => {
    const sundayNight = { from: '23:00', to: '02:00', days: [SUN], pricePerKWh: 0.4 };
    expect(slotCovers(sundayNight, 60, MON)).toBe(true);
    expect(slotCovers(sundayNight, 60, SUN)).toBe(false);
    expect(slotCovers(sundayNight, 23 * 60 + 30, SUN)).toBe(true);
  });

  it('covers the whole day when from equals to, on its days only', () => {
    const allDay = { from: '08:00', to: '08:00', days: [MON], pricePerKWh: 1 };
    expect(slotCovers(allDay, 0, MON)).toBe(true);
    expect(slotCovers(allDay, 1439, MON)).toBe(true);
    expect(slotCovers(allDay, 480, SUN)).toBe(false);
  });

  it('applies to every day when days is empty or missing', () => {
    for (let dow = 0; dow < 7; dow += 1) {
      expect(slotCovers({ ...day, days: [] }, 600, dow)).toBe(true);
      expect(slotCovers(day, 600, dow)).toBe(true);
    }
  });

  it('limits a daytime slot to its days', () => {
    const weekdays = { ...day, days: [1, 2, 3, 4, 5] };
    expect(slotCovers(weekdays, 600, SAT)).toBe(false);
    expect(slotCovers(weekdays, 600, SUN)).toBe(false);
    expect(slotCovers(weekdays, 600, 3)).toBe(true);
  });

  it('never covers with a malformed start or end', () => {
    expect(slotCovers({ from: '22:00', to: '25:00', pricePerKWh: 1 }, 23 * 60, MON)).toBe(false);
    expect(slotCovers({ from: '9:00', to: '06:00', pricePerKWh: 1 }, 120, MON)).toBe(false);
  });
});

describe('priceAt', () => {
  it('falls back to the flat tariff, a zero tariff included', () => {
    expect(priceAt(600, MON, 0, [{ from: '22:00', to: '06:00', pricePerKWh: 0.5 }])).toBe(0);
    expect(priceAt(600, MON, 0.75, [])).toBe(0.75);
  });
});

describe('compiled price schedule', () => {
  it('lists the in-hour boundaries of one hour in time order', () => {
    // 01:45 (105) is inserted before 01:39 (99); as text "105" would sort first.
    const schedule = compilePriceSchedule(null, [
      { from: '01:45', to: '03:00', pricePerKWh: 1 },
      { from: '00:30', to: '01:39', pricePerKWh: 2 },
      { from: '01:07', to: '04:00', pricePerKWh: 3 },
    ]);
    expect(schedule.boundariesInHour(1)).toEqual([67, 99, 105]);
    expect(schedule.boundariesInHour(0)).toEqual([30]);
    expect(schedule.uniformHour(0)).toBe(false);
    expect(schedule.uniformHour(2)).toBe(true);
    expect(schedule.uniformHour(3)).toBe(true);
  });

  it('keeps boundaries on the hour out of the in-hour lists, including 24:00', () => {
    const schedule = compilePriceSchedule(null, [{ from: '22:00', to: '24:00', pricePerKWh: 1 }]);
    for (let hour = 0; hour < 24; hour += 1) expect(schedule.uniformHour(hour), `hour ${hour}`).toBe(true);
    expect(schedule.boundariesInHour(22)).toEqual([]);
    expect(schedule.boundariesInHour(0)).toEqual([]);
  });

  it('puts a boundary late in the evening in its own hour', () => {
    const schedule = compilePriceSchedule(null, [{ from: '23:30', to: '00:15', pricePerKWh: 1 }]);
    expect(schedule.boundariesInHour(23)).toEqual([1410]);
    expect(schedule.boundariesInHour(0)).toEqual([15]);
    expect(schedule.priceAt(1409, MON)).toBeNull();
    expect(schedule.priceAt(1410, MON)).toBe(1);
    expect(schedule.priceAt(14, MON)).toBe(1);
    expect(schedule.priceAt(15, MON)).toBeNull();
  });

  it('is priced by a tariff (zero included) or a valid slot, not by malformed slots alone', () => {
    expect(compilePriceSchedule(0, []).priced).toBe(true);
    expect(compilePriceSchedule(null, [{ from: '01:00', to: '02:00', pricePerKWh: 1 }]).priced).toBe(true);
    expect(compilePriceSchedule(null, [{ from: '01:00', to: '26:00', pricePerKWh: 1 }]).priced).toBe(false);
  });
});
