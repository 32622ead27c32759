/** Contract: energy totals, reports from the ledger, per-minute rollups and the idle-power watchdog. */
import { z } from 'zod';
import { MoneySchema, NoInput, nullableNumber } from './common';
import { defineEvent, defineMethod } from './define';

/** Energy over a period, with its cost when a tariff is set and CO2 when a grid intensity is set. */
export const EnergyTotalsSchema = z.object({
  kWh: z.number(),
  cost: MoneySchema.nullable(),
  co2Grams: nullableNumber,
});
export type EnergyTotals = z.infer<typeof EnergyTotalsSchema>;

/** Energy per state: nothing loaded, models loaded but idle, inferring. */
export const EnergyByStateSchema = z.object({ idleEmpty: z.number(), loadedIdle: z.number(), inferring: z.number() });

export const EnergyMethodSchema = z.enum(['counter', 'power-integration']);

/** The at-a-glance numbers: today, this week, this month, and today's idle waste. */
export const EnergySummarySchema = z.object({
  /** Since local midnight. */
  today: EnergyTotalsSchema,
  /** The last 7 local days, today included. */
  week: EnergyTotalsSchema,
  /** The last 30 local days, today included. */
  month: EnergyTotalsSchema,
  /** Today's energy per state. */
  todayByState: EnergyByStateSchema,
  /** Today's idle energy above the GPU's idle baseline (what unloading would have saved). */
  idleWasteToday: EnergyTotalsSchema,
  /** How energy is measured now; null before the first sample. */
  method: EnergyMethodSchema.nullable(),
});
export type EnergySummary = z.infer<typeof EnergySummarySchema>;

/** One row of a report (a day, week, month, preset, model or state). */
export const EnergyReportRowSchema = z.object({
  key: z.string(),
  /** What to show (a preset's name, a model key, a localized day is up to the UI). */
  label: z.string(),
  kWh: z.number(),
  /** Null without a tariff, and for state rows (time-of-use prices do not split by state). */
  cost: MoneySchema.nullable(),
  co2Grams: nullableNumber,
  kWhByState: EnergyByStateSchema,
  /** Seconds spent in each state. */
  seconds: EnergyByStateSchema,
  /** Idle energy above the GPU's idle baseline: what unloading would have saved (null for by-state rows). */
  idleWasteKWh: z.number().nullable(),
  avgW: nullableNumber,
  peakW: nullableNumber,
});
export type EnergyReportRow = z.infer<typeof EnergyReportRowSchema>;

/** A report like `loadout energy --json`. */
export const EnergyReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  kWh: z.number(),
  cost: MoneySchema.nullable(),
  co2Grams: nullableNumber,
  method: EnergyMethodSchema.nullable(),
  gaps: z.array(z.object({ from: z.string(), to: z.string(), seconds: z.number(), reason: z.string() })),
  rows: z.array(EnergyReportRowSchema),
});
export type EnergyReport = z.infer<typeof EnergyReportSchema>;

/** One minute of the ledger, for the 24 h charts. */
export const EnergyRollupSchema = z.object({
  minute: z.string(),
  energyWh: z.number(),
  avgPowerW: nullableNumber,
  peakPowerW: nullableNumber,
  /** Seconds of the minute in each state. */
  idleSeconds: z.number(),
  loadedIdleSeconds: z.number(),
  inferringSeconds: z.number(),
});
export type EnergyRollup = z.infer<typeof EnergyRollupSchema>;

/** Raised when the GPU draws well above its idle baseline for a while with no inference. */
export const IdleAlertSchema = z.object({
  watts: z.number(),
  baselineW: z.number(),
  minutes: z.number(),
  costPerDay: MoneySchema.nullable(),
  /** The preset that would fix it (Gaming: unload all), when one exists. */
  suggestedPresetId: z.string().nullable(),
  /** The sentence in English (logs, older windows); faces word `words` in their own language instead. */
  message: z.string(),
  /** The figures the sentence says, for shared/energy/idle-alert-words.ts (the cost is costPerDay). */
  words: z
    .object({
      gpu: z.string(),
      watts: z.number(),
      excessW: z.number(),
      baselineW: z.number(),
      minutes: z.number(),
      kWhPerDay: z.number(),
      preset: z.object({ id: z.string(), name: z.string(), builtIn: z.boolean() }),
    })
    .optional(),
});
export type IdleAlert = z.infer<typeof IdleAlertSchema>;

export const energyMethods = {
  'energy.summary': defineMethod(
    NoInput,
    EnergySummarySchema,
    "Today's, this week's and this month's energy and cost.",
  ),
  'energy.report': defineMethod(
    z
      .object({
        since: z.enum(['24h', '7d', '30d']).default('24h'),
        by: z.enum(['day', 'week', 'month', 'preset', 'model', 'state']).default('day'),
      })
      .optional(),
    EnergyReportSchema,
    'A report from the ledger, grouped by day, week, month, preset, model or state.',
  ),
  'energy.rollups': defineMethod(
    z.object({ sinceMs: z.number().int().nonnegative() }),
    z.array(EnergyRollupSchema),
    'Per-minute rollups from a Unix ms time on (the 24 h charts).',
  ),
  'energy.idleAlertCurrent': defineMethod(
    NoInput,
    IdleAlertSchema.nullable(),
    'The idle alert still standing (raised, not dismissed, the excess not over), for a window opened after it fired.',
  ),
  'energy.idleAlertDismiss': defineMethod(
    z
      .object({
        snoozeMinutes: z
          .number()
          .int()
          .min(0)
          .max(24 * 60)
          .default(0),
      })
      .optional(),
    z.object({ snoozedUntil: z.string().nullable() }),
    'Dismiss the idle alert; with snoozeMinutes, raise none until then ("don\'t warn for 1 hour": 60). The snooze lasts while the app runs.',
  ),
} as const;

export const energyEvents = {
  'energy.idleAlert': defineEvent(IdleAlertSchema, 'The idle-power watchdog fired.'),
} as const;
