/**
 * The words of the benchmark export, as the renderers use them: read from the `benchExport` namespace
 * of the one catalog per language (shared/i18n), with an i18next plural for the run count.
 */
import { translator } from '../i18n/translate';

export type BenchExportLocale = 'pt-BR' | 'en';
export const BENCH_EXPORT_LOCALES: readonly BenchExportLocale[] = ['pt-BR', 'en'];

export interface BenchExportStrings {
  unknownQuantization: string;
  notRated: string;
  notAnswered: string;
  none: string;
  undetermined: string;
  split: (gpuPercent: number | null) => string;
  documentEstimate: string;
  verdict: Record<'inside' | 'below' | 'above' | 'unmeasured', string>;
  noDocumentRow: string;
  measuredBy: (loadout: string, day: string, runs: number, spread: string) => string;
  promptReading: string;
  peakVram: string;
  peakRam: string;
  energy: (per1k: string, perRun: string) => string;
  loadoutEstimate: string;
  loadedContext: string;
  longContextLatency: string;
}

/** The strings of a locale. */
export function benchExportStrings(locale: BenchExportLocale): BenchExportStrings {
  const tr = translator(locale);
  const t = (key: string, params?: Record<string, string | number>) => tr(`benchExport.${key}`, params);
  return {
    unknownQuantization: t('unknownQuantization'),
    notRated: t('notRated'),
    notAnswered: t('notAnswered'),
    none: t('none'),
    undetermined: t('undetermined'),
    split: (percent) => (percent === null ? t('splitUnknown') : t('split', { percent })),
    documentEstimate: t('documentEstimate'),
    verdict: {
      inside: t('verdict_inside'),
      below: t('verdict_below'),
      above: t('verdict_above'),
      unmeasured: t('verdict_unmeasured'),
    },
    noDocumentRow: t('noDocumentRow'),
    measuredBy: (version, day, count, spread) => t('measuredBy', { version, day, count, spread }),
    promptReading: t('promptReading'),
    peakVram: t('peakVram'),
    peakRam: t('peakRam'),
    energy: (per1k, perRun) => t('energy', { per1k, perRun }),
    loadoutEstimate: t('loadoutEstimate'),
    loadedContext: t('loadedContext'),
    longContextLatency: t('longContextLatency'),
  };
}
