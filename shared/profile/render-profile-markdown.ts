/** Renders a machine profile as Markdown shaped like the user's own hardware document (English or pt-BR). */
import type { CapacityRow } from './capacity-table';
import { summarizeCapacity } from './capacity-summary';
import type { MachineProfile } from './machine-profile';
import type { BandwidthEstimate, GpuBandwidth, RamBandwidth } from './memory-bandwidth';
import { profileStrings, type ProfileLocale, type ProfileStrings } from './profile-strings';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Memory size as people read it: GB of 1024³ bytes, whole when large or exact, one decimal otherwise. */
export function formatMemorySize(bytes: number): string {
  const gib = bytes / GiB;
  if (gib < 0.95) return `${Math.round(bytes / MiB)} MB`;
  const rounded = Math.round(gib * 10) / 10;
  return `${gib >= 100 || Number.isInteger(rounded) ? Math.round(gib) : rounded.toFixed(1)} GB`;
}

/** Bandwidth as "~936 GB/s" or "~4.9 TB/s" (decimal units, as spec sheets give them). */
export function formatBandwidth(bytesPerSecond: number): string {
  const gb = bytesPerSecond / 1e9;
  return gb >= 1000 ? `~${(gb / 1000).toFixed(1)} TB/s` : `~${Math.round(gb)} GB/s`;
}

/** Generation speed as "~102 tok/s", with one decimal under 10. */
export function formatTokensPerSecond(tps: number | null): string {
  if (tps === null) return '—';
  return tps < 10 ? `~${tps.toFixed(1)} tok/s` : `~${Math.round(tps)} tok/s`;
}

function orUnknown(value: string | number | null | undefined, s: ProfileStrings): string {
  return value === null || value === undefined || value === '' ? s.unknown : String(value);
}

function bandwidthLine(label: string, b: BandwidthEstimate, detail: string, s: ProfileStrings): string {
  return `${label}: ${b.bytesPerSecond === null ? s.unknown : formatBandwidth(b.bytesPerSecond)} (${detail})`;
}

/** How a GPU's bandwidth was found, in the reader's language (the formula itself needs no translation). */
function gpuDetail(b: GpuBandwidth, s: ProfileStrings): string {
  if (b.source === 'known-gpu') return s.specSheet(b.name);
  if (b.source === 'unknown') return s.gpuBandwidthUnknown;
  return b.detail;
}

function ramDetail(b: RamBandwidth, speedMTs: number | null, s: ProfileStrings): string {
  if (b.source !== 'memory-modules' || speedMTs === null || b.channels === null) return s.ramSpeedUnknown;
  return s.ramFormula(speedMTs, b.channels, b.channelsAssumed);
}

/** End a machine-written reason with a full stop so a sentence can follow it. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?)]$/.test(t) ? t : `${t}.`;
}

function cpuSection(p: MachineProfile, s: ProfileStrings): string[] {
  const cpu = p.inventory.cpu;
  return [
    '### CPU',
    '```',
    `${s.model}: ${orUnknown(cpu.brand, s)}`,
    `${s.coresLabel}: ${s.cores(orUnknown(cpu.physicalCores, s), orUnknown(cpu.logicalCores, s))}`,
    `${s.clockMax}: ${cpu.speedMaxGHz !== null ? `${cpu.speedMaxGHz} GHz (${s.max})` : s.unknown}`,
    `${s.l3}: ${cpu.l3CacheBytes !== null ? formatMemorySize(cpu.l3CacheBytes) : s.unknown}`,
    '```',
  ];
}

function ramSection(p: MachineProfile, s: ProfileStrings): string[] {
  const m = p.inventory.memory;
  const size = m.totalBytes !== null ? formatMemorySize(m.totalBytes) : s.unknown;
  return [
    '### RAM',
    '```',
    `${s.capacity}: ${size}${m.modules ? ` (${s.modules(m.modules)})` : ''}`,
    `${s.type}: ${orUnknown(m.type, s)}`,
    `${s.speed}: ${m.speedMTs !== null ? `${m.speedMTs} MT/s` : s.unknown}`,
    `${s.channels}: ${orUnknown(m.channels, s)}`,
    bandwidthLine(s.bandwidth, p.bandwidth.ram, ramDetail(p.bandwidth.ram, m.speedMTs, s), s),
    '```',
  ];
}

function gpuSection(p: MachineProfile, s: ProfileStrings): string[] {
  const { gpus, gpuUnavailableReason, gpuUnavailable } = p.inventory;
  // A known reason in the profile's language; any other in the words it came with.
  const reason = gpuUnavailable ? s.gpuUnavailable(gpuUnavailable) : gpuUnavailableReason;
  if (gpus.length === 0) return ['### GPU', s.noGpu(sentence(reason ?? s.unknown))];
  const lines = ['### GPU'];
  for (const gpu of gpus) {
    const bw = p.bandwidth.gpus.find((g) => g.index === gpu.index);
    lines.push(
      '```',
      `${s.model}: ${gpu.name}`,
      `VRAM: ${gpu.memoryTotalBytes !== null ? formatMemorySize(gpu.memoryTotalBytes) : s.unknown}`,
      `${s.driver}: ${orUnknown(gpu.driverVersion, s)}`,
      `${s.computeCapability}: ${orUnknown(gpu.computeCapability, s)}`,
      ...(bw ? [bandwidthLine(s.memoryBandwidth, bw, gpuDetail(bw, s), s)] : []),
      '```',
    );
  }
  return lines;
}

function fitLabel(row: CapacityRow, s: ProfileStrings): string {
  if (row.fit === 'split') return s.fit.split(Math.round((row.gpuShare ?? 0) * 100));
  return s.fit[row.fit];
}

function describeRow(row: CapacityRow): string {
  const speed = row.tokensPerSecond !== null ? `, ${formatTokensPerSecond(row.tokensPerSecond)}` : '';
  return `${row.size} ${row.quantization} (${formatMemorySize(row.memory.totalBytes)}${speed})`;
}

function summarySection(p: MachineProfile, s: ProfileStrings): string[] {
  const { largestOnGpu, largestAnywhere } = summarizeCapacity(p.capacity);
  const lines = [`## ${s.headings.summary}`, ''];
  if (largestOnGpu && p.capacity.gpu) lines.push(`- ${s.summaryGpu(describeRow(largestOnGpu), p.capacity.gpu.name)}`);
  lines.push(`- ${largestAnywhere ? s.summaryAnywhere(describeRow(largestAnywhere)) : s.summaryNothing}`);
  return lines;
}

function capacitySection(p: MachineProfile, s: ProfileStrings): string[] {
  const c = p.capacity;
  const lines = [`## ${s.headings.capacity}`, '', s.capacityIntro(String(c.contextTokens))];
  if (c.gpu) lines.push(`- ${s.placementGpu(c.gpu.name, formatMemorySize(c.gpu.usableBytes))}`);
  if (c.ram.usableBytes !== null) lines.push(`- ${s.placementRam(formatMemorySize(c.ram.usableBytes))}`);
  lines.push('', `| ${s.columns.join(' | ')} |`, `|${s.columns.map(() => '---').join('|')}|`);
  for (const row of c.rows) {
    const cells = [
      row.size,
      row.quantization,
      formatMemorySize(row.memory.totalBytes),
      fitLabel(row, s),
      formatTokensPerSecond(row.tokensPerSecond),
      formatTokensPerSecond(row.cpuOnlyTokensPerSecond),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('', ...s.notes.map((n) => `- ${n}`));
  return lines;
}

/** Render the profile as Markdown: detailed specifications (CPU, RAM, GPU, bandwidths), then the capacity table. */
export function renderProfileMarkdown(
  profile: MachineProfile,
  options: { locale?: ProfileLocale; generatedAt?: Date } = {},
): string {
  const s = profileStrings(options.locale ?? 'en');
  const os = profile.inventory.os;
  const system = [os.distro, os.release].filter(Boolean).join(' ');
  const header = [`# ${s.headings.title}`, ''];
  if (options.generatedAt) header.push(`**${s.generated}**: ${options.generatedAt.toISOString().slice(0, 10)}  `);
  header.push(
    `**${s.system}**: ${system ? `${system} ` : ''}(${os.platform} ${os.arch})`,
    '',
    '---',
    '',
    ...summarySection(profile, s),
    '',
    '---',
    '',
    `## ${s.headings.details}`,
    '',
  );
  const body = [
    ...cpuSection(profile, s),
    '',
    ...ramSection(profile, s),
    '',
    ...gpuSection(profile, s),
    '',
    '---',
    '',
    ...capacitySection(profile, s),
  ];
  return `${[...header, ...body].join('\n')}\n`;
}
