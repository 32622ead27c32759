/**
 * Price per kWh at a local time: the first matching time-of-use slot, else the flat tariff.
 * A slot whose `to` is earlier than its `from` wraps past midnight; its `days` name the day it starts.
 */
import type { Settings } from '../settings/schema';

export type TimeOfUseSlot = Settings['energy']['timeOfUse'][number];

/** Minutes since local midnight of an "HH:MM" string, or null when malformed or out of range. */
export function parseClock(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/** Whether a slot covers local minute-of-day `minute` on weekday `dow` (0 = Sunday). */
export function slotCovers(slot: TimeOfUseSlot, minute: number, dow: number): boolean {
  const from = parseClock(slot.from);
  const to = parseClock(slot.to);
  if (from === null || to === null) return false;
  const onDay = (d: number) => !slot.days || slot.days.length === 0 || slot.days.includes(((d % 7) + 7) % 7);
  if (from === to) return onDay(dow);
  if (from < to) return minute >= from && minute < to && onDay(dow);
  // Wraps midnight: the evening part belongs to today's slot, the morning part to yesterday's.
  return (minute >= from && onDay(dow)) || (minute < to && onDay(dow - 1));
}

/** The price per kWh at a local minute and weekday, or null when neither a slot nor a tariff gives one. */
export function priceAt(minute: number, dow: number, tariff: number | null, slots: readonly TimeOfUseSlot[]): number | null {
  for (const slot of slots) if (slotCovers(slot, minute, dow)) return slot.pricePerKWh;
  return tariff;
}

/** A weekday's minutes [fromMinute, toMinute) that share one price. */
export interface PriceRange {
  dow: number;
  fromMinute: number;
  toMinute: number;
  price: number | null;
}

/** The whole week as ranges of equal price (what a report query turns into one CASE expression). */
export function priceRanges(tariff: number | null, slots: readonly TimeOfUseSlot[]): PriceRange[] {
  const ranges: PriceRange[] = [];
  for (let dow = 0; dow < 7; dow += 1) {
    let current: PriceRange = { dow, fromMinute: 0, toMinute: 1, price: priceAt(0, dow, tariff, slots) };
    for (let minute = 1; minute < 1440; minute += 1) {
      const price = priceAt(minute, dow, tariff, slots);
      if (price === current.price) {
        current.toMinute = minute + 1;
      } else {
        ranges.push(current);
        current = { dow, fromMinute: minute, toMinute: minute + 1, price };
      }
    }
    ranges.push(current);
  }
  return ranges;
}
