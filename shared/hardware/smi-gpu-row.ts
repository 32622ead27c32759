/**
 * The `--query-gpu` fields Loadout asks nvidia-smi for, and how one CSV row becomes a GpuSample
 * or a GpuInfo. Fields are chosen from what `--help-query-gpu` lists, with fallbacks, because an
 * unknown field makes the whole query fail.
 */
import { dropImpossibleGpuValues } from './gpu-plausibility';
import type { GpuInfo } from './inventory';
import type { GpuSample } from './sample';
import { parseSmiNumber, parseSmiText, parseSmiTimestamp, readSmiRow } from './smi-csv';

const MIB = 1024 * 1024;

/** One wanted value and the field names that can give it, best first. */
export interface SmiWantedField {
  key: string;
  candidates: readonly string[];
  /** Without it the row is useless (the query is not started). */
  required?: boolean;
}

/** Live values, read every sample. `power.draw` is the 1-s average on Ampere+; the instant reading is never used. */
export const SMI_SAMPLE_FIELDS: readonly SmiWantedField[] = [
  { key: 'timestamp', candidates: ['timestamp'] },
  { key: 'index', candidates: ['index'], required: true },
  { key: 'name', candidates: ['name', 'gpu_name'] },
  { key: 'uuid', candidates: ['uuid', 'gpu_uuid'] },
  { key: 'utilization', candidates: ['utilization.gpu'] },
  { key: 'memoryUtilization', candidates: ['utilization.memory'] },
  { key: 'memoryUsed', candidates: ['memory.used'] },
  { key: 'memoryTotal', candidates: ['memory.total'] },
  { key: 'temperature', candidates: ['temperature.gpu'] },
  { key: 'power', candidates: ['power.draw', 'power.draw.average', 'gpu.power.draw.average'] },
  { key: 'powerLimit', candidates: ['enforced.power.limit', 'gpu.power.current_limit', 'power.limit'] },
  { key: 'clockSm', candidates: ['clocks.sm', 'clocks.current.sm'] },
  { key: 'clockMem', candidates: ['clocks.mem', 'clocks.current.memory'] },
  { key: 'fan', candidates: ['fan.speed'] },
  { key: 'pstate', candidates: ['pstate'] },
];

/** Static facts, read once for the inventory. */
export const SMI_INFO_FIELDS: readonly SmiWantedField[] = [
  { key: 'index', candidates: ['index'], required: true },
  { key: 'name', candidates: ['name', 'gpu_name'] },
  { key: 'uuid', candidates: ['uuid', 'gpu_uuid'] },
  { key: 'driver', candidates: ['driver_version'] },
  { key: 'computeCap', candidates: ['compute_cap'] },
  { key: 'memoryTotal', candidates: ['memory.total'] },
  { key: 'maxMemClock', candidates: ['clocks.max.memory', 'clocks.max.mem'] },
  { key: 'powerLimit', candidates: ['enforced.power.limit', 'gpu.power.current_limit', 'power.limit'] },
];

/** The chosen columns: the field names to pass to `--query-gpu`, in order, and the key each one fills. */
export interface SmiColumns {
  fields: string[];
  keys: string[];
  /** Wanted values no candidate could give on this driver. */
  missing: string[];
}

/**
 * Pick, for each wanted value, the first candidate the driver lists. With an empty `valid` set
 * (help text unavailable) the first candidate of each is used.
 */
export function chooseSmiColumns(wanted: readonly SmiWantedField[], valid: ReadonlySet<string>): SmiColumns {
  const columns: SmiColumns = { fields: [], keys: [], missing: [] };
  for (const w of wanted) {
    const field = valid.size === 0 ? w.candidates[0] : w.candidates.find((c) => valid.has(c));
    if (field) {
      columns.fields.push(field);
      columns.keys.push(w.key);
    } else columns.missing.push(w.key);
  }
  return columns;
}

/** True when every required value has a column. */
export function hasRequiredColumns(wanted: readonly SmiWantedField[], columns: SmiColumns): boolean {
  return wanted.every((w) => !w.required || columns.keys.includes(w.key));
}

function mib(token: string | undefined): number | null {
  const v = parseSmiNumber(token);
  return v === null ? null : v * MIB;
}

function whole(token: string | undefined): number | null {
  const v = parseSmiNumber(token);
  return v !== null && Number.isInteger(v) && v >= 0 ? v : null;
}

/**
 * One `--query-gpu` line as a GpuSample, or null for a line that is not a row of these columns.
 * Physically impossible values (negative power, 140 % utilisation, …) become null.
 */
export function parseSmiSampleRow(line: string, columns: SmiColumns): GpuSample | null {
  const row = readSmiRow(line, columns.keys);
  if (!row) return null;
  const index = whole(row.index);
  if (index === null) return null;
  if (row.timestamp !== undefined && parseSmiTimestamp(row.timestamp) === null) return null;
  return dropImpossibleGpuValues({
    index,
    name: parseSmiText(row.name),
    uuid: parseSmiText(row.uuid),
    utilizationPercent: parseSmiNumber(row.utilization),
    memoryUtilizationPercent: parseSmiNumber(row.memoryUtilization),
    memoryUsedBytes: mib(row.memoryUsed),
    memoryTotalBytes: mib(row.memoryTotal),
    temperatureC: parseSmiNumber(row.temperature),
    powerW: parseSmiNumber(row.power),
    powerLimitW: parseSmiNumber(row.powerLimit),
    energyCounterMJ: null,
    clockSmMHz: parseSmiNumber(row.clockSm),
    clockMemMHz: parseSmiNumber(row.clockMem),
    fanPercent: parseSmiNumber(row.fan),
    pstate: parseSmiText(row.pstate),
    sampledAt: parseSmiTimestamp(row.timestamp),
  });
}

/** One static `--query-gpu` line as a GpuInfo, or null when it is not a row of these columns. nvidia-smi has no bus width. */
export function parseSmiInfoRow(line: string, columns: SmiColumns): GpuInfo | null {
  const row = readSmiRow(line, columns.keys);
  if (!row) return null;
  const index = whole(row.index);
  if (index === null) return null;
  return {
    index,
    name: parseSmiText(row.name) ?? `GPU ${index}`,
    uuid: parseSmiText(row.uuid),
    driverVersion: parseSmiText(row.driver),
    computeCapability: parseSmiText(row.computeCap),
    memoryTotalBytes: mib(row.memoryTotal),
    memoryBusWidthBits: null,
    maxMemoryClockMHz: parseSmiNumber(row.maxMemClock),
    powerLimitW: parseSmiNumber(row.powerLimit),
  };
}
