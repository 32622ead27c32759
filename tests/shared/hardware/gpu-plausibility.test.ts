/**
 * Impossible readings are dropped (null), never passed on as measurements: real H200 rows from
 * query.csv and stream-200ms.csv, with one value replaced by what a glitching driver prints.
 */
import { describe, expect, it } from 'vitest';
import { dropImpossibleGpuValues } from '../../../shared/hardware/gpu-plausibility';
import {
  SMI_INFO_FIELDS,
  SMI_SAMPLE_FIELDS,
  type SmiColumns,
  parseSmiSampleRow,
} from '../../../shared/hardware/smi-gpu-row';
import { STREAM_FIELDS, readCapture } from '../../support/fixture-files';

const MIB = 1024 * 1024;

/** The unit-less row of query.csv, by field name, and the columns that read it. */
const queryLines = readCapture('query.csv').trim().split('\n');
const queryFields = queryLines[0]!.split(', ').map((h) => h.replace(/ \[.*\]$/, ''));
const queryValues = queryLines[2]!.split(', ');
/** Columns for a capture whose field order is known; a value named twice (power.draw, power.draw.average) is read from its first field. */
function columnsFor(fields: string[]): SmiColumns {
  const seen = new Set<string>();
  const keys = fields.map((f) => {
    const key = [...SMI_SAMPLE_FIELDS, ...SMI_INFO_FIELDS].find((w) => w.candidates.includes(f))?.key;
    if (!key || seen.has(key)) return `unused:${f}`;
    seen.add(key);
    return key;
  });
  return { fields, keys, missing: [] };
}
const queryColumns = columnsFor(queryFields);
/** query.csv's real row with some fields replaced. */
function queryRow(replace: Record<string, string> = {}): string {
  return queryFields.map((f, i) => replace[f] ?? queryValues[i]).join(', ');
}

describe('parseSmiSampleRow rejects physically impossible values', () => {
  it('keeps every value of the real row', () => {
    expect(parseSmiSampleRow(queryRow(), queryColumns)).toMatchObject({
      powerW: 78.04,
      powerLimitW: 700,
      utilizationPercent: 0,
      temperatureC: 37,
      memoryUsedBytes: 0,
      memoryTotalBytes: 143771 * MIB,
      clockSmMHz: 345,
      clockMemMHz: 3201,
    });
  });

  it('drops a negative power draw and keeps the rest of the row', () => {
    const gpu = parseSmiSampleRow(queryRow({ 'power.draw': '-12.41' }), queryColumns)!;
    expect(gpu.powerW).toBeNull();
    expect(gpu).toMatchObject({ powerLimitW: 700, temperatureC: 37, clockSmMHz: 345, name: 'NVIDIA H200' });
  });

  it('drops a power far above what the board can draw, and above twice its own limit', () => {
    expect(parseSmiSampleRow(queryRow({ 'power.draw': '4294967.29' }), queryColumns)!.powerW).toBeNull();
    expect(parseSmiSampleRow(queryRow({ 'power.draw': '1650.00' }), queryColumns)!.powerW).toBeNull();
    // Near the limit is real: the stream's busiest row draws 707 W against 700 W.
    expect(parseSmiSampleRow(queryRow({ 'power.draw': '707.36' }), queryColumns)!.powerW).toBe(707.36);
  });

  it('drops utilisation outside 0–100 %, a temperature no running die has, and memory used beyond the total', () => {
    const gpu = parseSmiSampleRow(
      queryRow({
        'utilization.gpu': '140',
        'utilization.memory': '-1',
        'temperature.gpu': '255',
        'memory.used': '150000',
      }),
      queryColumns,
    )!;
    expect(gpu).toMatchObject({
      utilizationPercent: null,
      memoryUtilizationPercent: null,
      temperatureC: null,
      memoryUsedBytes: null,
      memoryTotalBytes: 143771 * MIB,
    });
  });

  it('drops negative clocks and a zero power limit', () => {
    const gpu = parseSmiSampleRow(queryRow({ 'clocks.current.sm': '-345', 'power.limit': '0.00' }), queryColumns)!;
    expect(gpu.clockSmMHz).toBeNull();
    expect(gpu.powerLimitW).toBeNull();
    expect(gpu.powerW).toBe(78.04);
  });

  it('drops a negative power row of the real stream (as the energy ledger receives it)', () => {
    const line = readCapture('stream-200ms.csv').trim().split('\n')[29]!.replace('83.37', '-83.37');
    const gpu = parseSmiSampleRow(`0, ${line}`, columnsFor(['index', ...STREAM_FIELDS]))!;
    expect(gpu.powerW).toBeNull();
    expect(gpu.memoryUsedBytes).toBe(6509 * MIB);
  });
});

describe('dropImpossibleGpuValues on NVML-shaped readings', () => {
  const real = parseSmiSampleRow(queryRow(), queryColumns)!;
  it('drops the unsigned sentinels NVML can hand back (0xFFFFFFFF as °C or mW)', () => {
    const gpu = dropImpossibleGpuValues({
      ...real,
      temperatureC: 0xffffffff,
      powerW: 0xffffffff / 1000,
      energyCounterMJ: -1,
    });
    expect(gpu).toMatchObject({ temperatureC: null, powerW: null, energyCounterMJ: null, powerLimitW: 700 });
  });

  it('keeps a fan above 100 % (the intended speed may exceed it) but not below zero', () => {
    expect(dropImpossibleGpuValues({ ...real, fanPercent: 104 }).fanPercent).toBe(104);
    expect(dropImpossibleGpuValues({ ...real, fanPercent: -4 }).fanPercent).toBeNull();
  });
});
