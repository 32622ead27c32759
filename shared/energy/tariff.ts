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
export function priceAt(
  minute: number,
  dow: number,
  tariff: number | null,
  slots: readonly TimeOfUseSlot[],
): number | null {
  for (const slot of slots) if (slotCovers(slot, minute, dow)) return slot.pricePerKWh;
  return tariff;
}

/** A schedule compiled once per report: prices per local minute and weekday without re-parsing the slots. */
export interface PriceSchedule {
  /** Whether any price is set (a tariff or a slot). */
  priced: boolean;
  priceAt(minute: number, dow: number): number | null;
  /** Whether every minute of local hour `hour` (0–23) has one price on every weekday (no slot starts or ends inside it). */
  uniformHour(hour: number): boolean;
  /** The minutes of the day, inside local hour `hour`, where a slot starts or ends (sorted; empty for a uniform hour). */
  boundariesInHour(hour: number): number[];
}

/** Compile the tariff and time-of-use slots (malformed slots are ignored, as priceAt does). */
export function compilePriceSchedule(tariff: number | null, slots: readonly TimeOfUseSlot[]): PriceSchedule {
  const compiled = slots
    .map((slot) => ({ slot, from: parseClock(slot.from), to: parseClock(slot.to) }))
    .filter((c): c is { slot: TimeOfUseSlot; from: number; to: number } => c.from !== null && c.to !== null);
  const inside = new Map<number, Set<number>>();
  for (const c of compiled) {
    for (const b of [c.from, c.to]) {
      if (b % 60 === 0) continue;
      const hour = Math.floor(b / 60) % 24;
      inside.set(hour, (inside.get(hour) ?? new Set()).add(b));
    }
  }
  const valid = compiled.map((c) => c.slot);
  return {
    priced: tariff !== null || valid.length > 0,
    priceAt: (minute, dow) => priceAt(minute, dow, tariff, valid),
    uniformHour: (hour) => !inside.has(hour),
    boundariesInHour: (hour) => [...(inside.get(hour) ?? [])].sort((a, b) => a - b),
  };
}
