/** The tray tooltip: GPU utilization, VRAM, power, CPU and RAM at a glance, today's energy cost and today's delegated tasks. */
import type { DelegationSummaryInfo, EnergySummary } from '../contract';
import { formatTokenCount } from '../delegation/format-delegation';
import { formatMoney } from '../energy/currency';
import { formatKWh, formatWh } from '../energy/format-energy';
import type { HardwareSample } from '../hardware/sample';

const GiB = 1024 ** 3;

/** The words the tooltip needs (the shell's tray strings carry them in English and pt-BR). */
export interface TrayTooltipStrings {
  gpu: string;
  vram: string;
  cpu: string;
  ram: string;
  today: string;
  noGpu: string;
  /** While the driver is not answering yet (login before it starts, a driver update): the readings resume by themselves. */
  gpuDriverWait: string;
  waiting: string;
  /** "{{count}} task(s) delegated", "{{tokens}} tokens", "≈ {{money}} saved". */
  delegatedTask: string;
  delegatedTasks: string;
  delegatedTokens: string;
  delegatedSaved: string;
}

/** Windows cuts tray tooltips at 127 characters. */
export const WINDOWS_TOOLTIP_CHARS = 127;

export interface TrayTooltipExtras {
  /** Today's delegation summary (`energy.delegations`, since today). */
  delegated?: DelegationSummaryInfo | null;
  /** The longest tooltip the OS shows (default Windows' 127). */
  maxChars?: number;
}

/**
 * Format the tooltip (kept short: Windows cuts tray tooltips at 127 characters). Today's delegations get
 * a line only when at least one task was delegated today; when the whole would be cut, that line drops
 * its tokens and Wh first, then the CPU and RAM line makes room for it.
 */
export function formatTrayTooltip(
  sample: HardwareSample | null,
  energy: EnergySummary | null,
  s: TrayTooltipStrings,
  locale: string,
  extras: TrayTooltipExtras = {},
): string {
  const max = extras.maxChars ?? WINDOWS_TOOLTIP_CHARS;
  const delegated = extras.delegated ?? null;
  if (!sample) return `Loadout: ${s.waiting}`;
  const lines = ['Loadout'];
  const gpu = sample.gpus[0];
  if (gpu) {
    const parts = [`${s.gpu} ${pct(gpu.utilizationPercent)}`];
    if (gpu.memoryUsedBytes !== null && gpu.memoryTotalBytes !== null)
      parts.push(`${s.vram} ${gib(gpu.memoryUsedBytes, locale)}/${gib(gpu.memoryTotalBytes, locale)} GB`);
    if (gpu.powerW !== null) parts.push(`${Math.round(gpu.powerW)} W`);
    lines.push(parts.join(' · '));
  } else {
    lines.push(`${s.gpu}: ${sample.gpuDriverWait ? s.gpuDriverWait : s.noGpu}`);
  }
  const ram =
    sample.memory.usedBytes !== null && sample.memory.totalBytes !== null
      ? `${gib(sample.memory.usedBytes, locale)}/${gib(sample.memory.totalBytes, locale)} GB`
      : '–';
  const cpuLine = lines.push(`${s.cpu} ${pct(sample.cpu.loadPercent)} · ${s.ram} ${ram}`) - 1;
  if (energy) {
    const kwh = formatKWh(energy.today.kWh, locale);
    const cost = energy.today.cost
      ? ` · ${formatMoney(energy.today.cost.amount, energy.today.cost.currency, locale)}`
      : '';
    lines.push(`${s.today}: ${kwh}${cost}`);
  }
  const full = delegationLine(delegated, s, locale, true);
  if (!full) return lines.join('\n').slice(0, max);
  const short = delegationLine(delegated, s, locale, false)!;
  const withoutCpu = lines.filter((_, i) => i !== cpuLine);
  const candidates = [
    [...lines, full],
    [...lines, short],
    [...withoutCpu, full],
    [...withoutCpu, short],
  ].map((c) => c.join('\n'));
  return candidates.find((c) => c.length <= max) ?? candidates[candidates.length - 1]!.slice(0, max);
}

/** "today: 42 tasks delegated · 61k tokens · 18 Wh · ≈ $4.60 saved" (short: tasks and saving only); null when none today. */
function delegationLine(
  delegated: DelegationSummaryInfo | null,
  s: TrayTooltipStrings,
  locale: string,
  full: boolean,
): string | null {
  const t = delegated?.totals;
  if (!delegated || !t || t.tasks === 0) return null;
  const parts = [fill(t.tasks === 1 ? s.delegatedTask : s.delegatedTasks, { count: t.tasks.toLocaleString(locale) })];
  if (full) {
    parts.push(fill(s.delegatedTokens, { tokens: formatTokenCount(t.promptTokens + t.completionTokens, locale) }));
    if (t.energyWh > 0) parts.push(formatWh(t.energyWh, locale));
  }
  // A saving only: a day where the local energy cost more than the cloud would have is not worded as "saved".
  if (t.saved !== null && t.saved > 0)
    parts.push(fill(s.delegatedSaved, { money: formatMoney(t.saved, delegated.currency, locale) }));
  return `${s.today}: ${parts.join(' · ')}`;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (match, key: string) => values[key] ?? match);
}

function pct(value: number | null): string {
  return value === null ? '–' : `${Math.round(value)}%`;
}

// Not formatGiB (shared/models/memory-fit): the tooltip wants locale decimals ("41,3") and "used/total GB".
function gib(bytes: number, locale: string): string {
  return (bytes / GiB).toLocaleString(locale, { maximumFractionDigits: 1 });
}
