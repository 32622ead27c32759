/**
 * Benchmark results as CSV (RFC 4180, one row per result, a header row), for spreadsheets. It starts with
 * a UTF-8 BOM, without which Excel on Windows reads "código" as "cÃ³digo". Excel in pt-BR expects `;`
 * between cells and decimal commas (its list separator), so the pt-BR export writes those.
 */
import type { BenchResult } from './bench-record';
import type { BenchExportLocale } from './bench-export-strings';

type Cell = string | number | null;

const COLUMNS: ReadonlyArray<[string, (r: BenchResult) => Cell]> = [
  ['id', (r) => r.id],
  ['started_at', (r) => r.startedAt],
  ['model_key', (r) => r.model.key],
  ['model', (r) => r.model.displayName],
  ['quantization', (r) => r.model.quantization],
  ['params', (r) => r.model.paramsString],
  ['device', (r) => r.device],
  ['context_length', (r) => r.load.contextLength],
  ['gpu_offload', (r) => (r.load.gpuOffload === null ? null : String(r.load.gpuOffload))],
  ['runs', (r) => r.runs],
  ['tok_s_median', (r) => r.summary.tokensPerSecond.median],
  ['tok_s_min', (r) => r.summary.tokensPerSecond.min],
  ['tok_s_max', (r) => r.summary.tokensPerSecond.max],
  ['tok_s_spread_pct', (r) => r.summary.tokensPerSecond.spreadPercent],
  ['ttft_ms_median', (r) => r.summary.ttftMs.median],
  ['ttft_ms_spread_pct', (r) => r.summary.ttftMs.spreadPercent],
  ['prompt_tok_s_median', (r) => r.summary.promptTokensPerSecond.median],
  ['long_context_ttft_ms', (r) => r.summary.longContextTtftMs.median],
  ['context_tested_tokens', (r) => r.summary.contextTestedTokens],
  ['completion_tokens', (r) => r.summary.completionTokens],
  ['total_ms', (r) => r.summary.totalMs],
  ['peak_vram_bytes', (r) => r.telemetry.peakVramBytes],
  ['peak_ram_bytes', (r) => r.telemetry.peakRamBytes],
  ['wh_total', (r) => r.energy.totalWh],
  ['wh_per_run', (r) => r.energy.whPerRun],
  ['wh_per_1k_tokens', (r) => r.energy.whPer1kTokens],
  ['doc_tok_s_low', (r) => r.estimates.document?.lowTokensPerSecond ?? null],
  ['doc_tok_s_high', (r) => r.estimates.document?.highTokensPerSecond ?? null],
  ['doc_verdict', (r) => r.estimates.document?.verdict ?? null],
  ['loadout_tok_s_estimate', (r) => r.estimates.loadout?.pointTokensPerSecond ?? null],
  ['loadout_verdict', (r) => r.estimates.loadout?.verdict ?? null],
  ['rating', (r) => r.human.rating],
  ['best_for', (r) => r.human.bestFor],
  ['issues', (r) => r.human.issues],
  ['notes', (r) => r.human.notes],
  ['lmstudio_version', (r) => r.versions.lmStudio],
  ['driver_version', (r) => r.versions.driver],
  ['loadout_version', (r) => r.versions.loadout],
];

/** What separates cells and what marks decimals, as Excel expects them in each export language. */
const DIALECTS: Record<BenchExportLocale, { separator: string; decimal: string }> = {
  en: { separator: ',', decimal: '.' },
  'pt-BR': { separator: ';', decimal: ',' },
};

/** One CSV cell: numbers as they are (at most 3 decimals), text quoted when needed, formula-looking text defused. */
export function csvCell(value: Cell, locale: BenchExportLocale = 'en'): string {
  const { separator, decimal } = DIALECTS[locale];
  if (value === null) return '';
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(Math.round(value * 1000) / 1000).replace('.', decimal) : '';
  // A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection): prefix a quote.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The BOM, the header and one row per result, oldest first, CRLF line ends as RFC 4180 asks. */
export function renderBenchCsv(results: readonly BenchResult[], locale: BenchExportLocale = 'en'): string {
  const { separator } = DIALECTS[locale];
  const sorted = [...results].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id - b.id);
  const rows = [
    COLUMNS.map(([name]) => name).join(separator),
    ...sorted.map((r) => COLUMNS.map(([, get]) => csvCell(get(r), locale)).join(separator)),
  ];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
