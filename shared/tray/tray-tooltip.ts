/** The tray tooltip: GPU utilization, VRAM, power, CPU and RAM at a glance, and today's energy cost. */
import type { EnergySummary } from '../contract';
import { formatMoney } from '../energy/currency';
import { formatKWh } from '../energy/format-energy';
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
}

/** Format the tooltip (kept short: Windows cuts tray tooltips at 127 characters). */
export function formatTrayTooltip(sample: HardwareSample | null, energy: EnergySummary | null, s: TrayTooltipStrings, locale: string): string {
  if (!sample) return `Loadout: ${s.waiting}`;
  const lines = ['Loadout'];
  const gpu = sample.gpus[0];
  if (gpu) {
    const parts = [`${s.gpu} ${pct(gpu.utilizationPercent)}`];
    if (gpu.memoryUsedBytes !== null && gpu.memoryTotalBytes !== null) parts.push(`${s.vram} ${gib(gpu.memoryUsedBytes, locale)}/${gib(gpu.memoryTotalBytes, locale)} GB`);
    if (gpu.powerW !== null) parts.push(`${Math.round(gpu.powerW)} W`);
    lines.push(parts.join(' · '));
  } else {
    lines.push(`${s.gpu}: ${sample.gpuDriverWait ? s.gpuDriverWait : s.noGpu}`);
  }
  const ram = sample.memory.usedBytes !== null && sample.memory.totalBytes !== null ? `${gib(sample.memory.usedBytes, locale)}/${gib(sample.memory.totalBytes, locale)} GB` : '–';
  lines.push(`${s.cpu} ${pct(sample.cpu.loadPercent)} · ${s.ram} ${ram}`);
  if (energy) {
    const kwh = formatKWh(energy.today.kWh, locale);
    const cost = energy.today.cost ? ` · ${formatMoney(energy.today.cost.amount, energy.today.cost.currency, locale)}` : '';
    lines.push(`${s.today}: ${kwh}${cost}`);
  }
  return lines.join('\n').slice(0, 127);
}

function pct(value: number | null): string {
  return value === null ? '–' : `${Math.round(value)}%`;
}

// Not formatGiB (shared/models/memory-fit): the tooltip wants locale decimals ("41,3") and "used/total GB".
function gib(bytes: number, locale: string): string {
  return (bytes / GiB).toLocaleString(locale, { maximumFractionDigits: 1 });
}
