/**
 * Markdown in the exact "Template de Benchmark" of the user's document (../shared/seed/hardware-profile.pt-BR.md):
 *
 *     ## [Modelo] - [Quantização]
 *
 *     **Hardware**: GPU / CPU
 *     **Speed**: X tok/s
 *     **First token latency**: Xms
 *     **Context tested**: X tokens
 *     **Quality**: ⭐⭐⭐⭐☆ (4/5)
 *     **Best for**: [Use case]
 *     **Issues**: [Nenhum / descrição]
 *     **Notes**: [Observações adicionais]
 *
 * ready to paste under "Benchmark Results". The document's estimate rides beside the speed; the rest
 * of what was measured (prompt processing, peak memory, energy, Loadout's estimate, versions) goes
 * after the user's own notes, so no line of the template changes shape.
 */
import type { BenchResult, EstimateVerdict } from './bench-record';
import { benchExportStrings, type BenchExportLocale, type BenchExportStrings } from './bench-export-strings';

/** "87.3" for speeds: one decimal under 100, none above. */
export function formatSpeed(tps: number): string {
  return tps >= 100 ? String(Math.round(tps)) : (Math.round(tps * 10) / 10).toFixed(1);
}

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;
const range = (e: EstimateVerdict) => `~${Math.round(e.lowTokensPerSecond)}-${Math.round(e.highTokensPerSecond)} tok/s`;

/** "⭐⭐⭐⭐☆ (4/5)", or five empty stars and "not rated". */
export function formatStars(rating: number | null, s: BenchExportStrings): string {
  if (rating === null) return `☆☆☆☆☆ (${s.notRated})`;
  const r = Math.min(5, Math.max(1, Math.round(rating)));
  return `${'⭐'.repeat(r)}${'☆'.repeat(5 - r)} (${r}/5)`;
}

function hardwareLine(r: BenchResult, s: BenchExportStrings): string {
  const gpu = r.hardware.gpuName ? ` (${r.hardware.gpuName})` : '';
  const cpu = r.hardware.cpuName ? ` (${r.hardware.cpuName})` : '';
  switch (r.device) {
    case 'gpu':
      return `GPU${gpu}`;
    case 'cpu':
      return `CPU${cpu}`;
    case 'split': {
      const o = r.load.gpuOffload;
      return s.split(typeof o === 'number' ? Math.round(o * 100) : null);
    }
    default:
      return `GPU / CPU (${s.undetermined})`;
  }
}

function oneLine(text: string | null): string | null {
  const t = text?.replace(/\s*\n\s*/g, ' ').trim();
  return t ? t : null;
}

function notesLine(r: BenchResult, s: BenchExportStrings): string {
  const parts: string[] = [];
  const spread = r.summary.tokensPerSecond.spreadPercent;
  const measured: string[] = [];
  const pp = r.summary.promptTokensPerSecond.median;
  if (pp !== null) measured.push(`${s.promptReading} ${Math.round(pp)} tok/s`);
  const lc = r.summary.longContextTtftMs.median;
  if (lc !== null) measured.push(`${s.longContextLatency} ${Math.round(lc)}ms`);
  if (r.telemetry.peakVramBytes !== null) measured.push(`${s.peakVram} ${gb(r.telemetry.peakVramBytes)}`);
  if (r.telemetry.peakRamBytes !== null) measured.push(`${s.peakRam} ${gb(r.telemetry.peakRamBytes)}`);
  if (r.energy.whPer1kTokens !== null && r.energy.whPerRun !== null)
    measured.push(s.energy(r.energy.whPer1kTokens.toFixed(2), r.energy.whPerRun.toFixed(2)));
  const le = r.estimates.loadout;
  if (le && le.pointTokensPerSecond !== null)
    measured.push(`${s.loadoutEstimate} ~${Math.round(le.pointTokensPerSecond)} tok/s (${s.verdict[le.verdict]})`);
  if (r.load.contextLength !== null) measured.push(`${s.loadedContext} ${r.load.contextLength}`);
  const versions = [
    r.versions.lmStudio ? `LM Studio ${r.versions.lmStudio}` : null,
    r.versions.driver ? `driver ${r.versions.driver}` : null,
  ].filter(Boolean);
  if (versions.length) measured.push(versions.join(', '));
  const head = s.measuredBy(
    r.versions.loadout,
    r.startedAt.slice(0, 10),
    r.runs,
    spread === null ? '—' : `±${(spread / 2).toFixed(1)} %`,
  );
  const user = oneLine(r.human.notes);
  if (user) parts.push(/[.!?]$/.test(user) ? user : `${user}.`);
  parts.push(`${head}: ${measured.join('; ')}.`);
  return parts.join(' ');
}

/** One result as the template block (ends with a newline). */
export function renderBenchMarkdown(r: BenchResult, locale: BenchExportLocale = 'pt-BR'): string {
  const s = benchExportStrings(locale);
  const tps = r.summary.tokensPerSecond.median;
  const doc = r.estimates.document;
  const docText = doc ? ` (${s.documentEstimate}: ${range(doc)} ${s.verdict[doc.verdict]})` : ` (${s.noDocumentRow})`;
  const ttft = r.summary.ttftMs.median;
  const ctx = r.summary.contextTestedTokens;
  const answered = r.human.ratedAt !== null || r.human.rating !== null;
  const lines = [
    `## ${r.model.displayName} - ${r.model.quantization ?? s.unknownQuantization}`,
    '',
    `**Hardware**: ${hardwareLine(r, s)}`,
    `**Speed**: ${tps === null ? '—' : `${formatSpeed(tps)} tok/s`}${docText}`,
    `**First token latency**: ${ttft === null ? '—' : `${Math.round(ttft)}ms`}`,
    `**Context tested**: ${ctx === null ? '—' : `${ctx} tokens`}`,
    `**Quality**: ${formatStars(r.human.rating, s)}`,
    `**Best for**: ${oneLine(r.human.bestFor) ?? s.notAnswered}`,
    `**Issues**: ${oneLine(r.human.issues) ?? (answered ? s.none : s.notAnswered)}`,
    `**Notes**: ${notesLine(r, s)}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Several results, oldest first, separated by a blank line: paste them all under "Benchmark Results". */
export function renderBenchMarkdownAll(results: readonly BenchResult[], locale: BenchExportLocale = 'pt-BR'): string {
  const sorted = [...results].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id - b.id);
  return sorted.map((r) => renderBenchMarkdown(r, locale)).join('\n');
}
