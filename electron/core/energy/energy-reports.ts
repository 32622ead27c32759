/** Builds energy reports (per day, week, month, preset or model) from the ledger and the settings. */
import { resolveCurrency } from '../../../shared/energy/currency';
import { shapeEnergyReport, type EnergyReport, type ReportGrouping } from '../../../shared/energy/energy-report';
import { idleBaseline } from '../../../shared/energy/idle-baseline';
import { compilePriceSchedule } from '../../../shared/energy/tariff';
import type { Settings } from '../../../shared/settings/schema';
import type { EnergyLedger } from './energy-ledger';

export interface EnergyReportRequest {
  fromMs: number;
  toMs: number;
  by: ReportGrouping;
  settings: Settings;
  /** The user's locale (pt-BR defaults the currency to BRL). */
  locale?: string | null;
}

/** How far back idle-empty minutes count toward a GPU's learned idle baseline. */
const BASELINE_WINDOW_MS = 30 * 86_400_000;

/** The report for a window, from the ledger (null ledger = an empty report, same shape). */
export function buildEnergyReport(ledger: EnergyLedger | null, request: EnergyReportRequest): EnergyReport {
  const { settings } = request;
  const currency = resolveCurrency(settings.energy.currency, request.locale);
  const schedule = compilePriceSchedule(settings.energy.tariff, settings.energy.timeOfUse);
  const aggregates = ledger ? ledger.aggregates(request.fromMs, request.toMs, schedule) : [];
  const baselines: Record<string, number> = {};
  for (const gpuKey of new Set(aggregates.map((a) => a.gpuKey))) {
    baselines[gpuKey] = idleBaseline(
      ledger?.idleEmptyMinuteWatts(gpuKey, request.toMs - BASELINE_WINDOW_MS) ?? [],
      null,
    ).watts;
  }
  return shapeEnergyReport({
    fromMs: request.fromMs,
    toMs: request.toMs,
    by: request.by,
    aggregates,
    requests: ledger ? ledger.requestAggregates(request.fromMs, request.toMs) : [],
    gaps: ledger ? ledger.gaps(request.fromMs, request.toMs) : [],
    baselines,
    currency,
    priced: schedule.priced,
    gridIntensity: settings.energy.gridIntensity,
    presetNames: Object.fromEntries(settings.presets.map((p) => [p.id, p.name])),
  });
}
