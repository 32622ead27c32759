import { describe, expect, it } from 'vitest';
import { parseHelpQueryGpu } from '../../../shared/hardware/smi-help';
import {
  SMI_INFO_FIELDS,
  SMI_SAMPLE_FIELDS,
  type SmiColumns,
  chooseSmiColumns,
  hasRequiredColumns,
  parseSmiInfoRow,
  parseSmiSampleRow,
} from '../../../shared/hardware/smi-gpu-row';
import { STREAM_FIELDS, readCapture } from '../../support/fixture-files';

const MIB = 1024 * 1024;
const valid = parseHelpQueryGpu(readCapture('help-query-gpu.txt'));

/** Columns for a capture whose field order is known: keys from the wanted list that name these fields. */
function columnsFor(fields: string[]): SmiColumns {
  const keys = fields.map(
    (f) => [...SMI_SAMPLE_FIELDS, ...SMI_INFO_FIELDS].find((w) => w.candidates.includes(f))?.key ?? `unused:${f}`,
  );
  return { fields, keys, missing: [] };
}

describe('choosing nvidia-smi fields', () => {
  it('asks driver 580 for the 1-s average power and the enforced limit', () => {
    const columns = chooseSmiColumns(SMI_SAMPLE_FIELDS, valid);
    expect(columns.fields).toEqual([
      'timestamp',
      'index',
      'name',
      'uuid',
      'utilization.gpu',
      'utilization.memory',
      'memory.used',
      'memory.total',
      'temperature.gpu',
      'power.draw',
      'enforced.power.limit',
      'clocks.sm',
      'clocks.mem',
      'fan.speed',
      'pstate',
    ]);
    expect(columns.missing).toEqual([]);
    expect(columns.fields.every((f) => valid.has(f))).toBe(true);
  });

  it('falls back to older names and drops what the driver lacks', () => {
    const old = new Set(['index', 'name', 'power.limit', 'power.draw.average', 'clocks.current.sm']);
    const columns = chooseSmiColumns(SMI_SAMPLE_FIELDS, old);
    expect(columns.fields).toEqual(['index', 'name', 'power.draw.average', 'power.limit', 'clocks.current.sm']);
    expect(columns.missing).toContain('timestamp');
    expect(hasRequiredColumns(SMI_SAMPLE_FIELDS, columns)).toBe(true);
    expect(hasRequiredColumns(SMI_SAMPLE_FIELDS, chooseSmiColumns(SMI_SAMPLE_FIELDS, new Set(['name'])))).toBe(false);
  });
});

describe('parseSmiSampleRow on the real 30-s stream', () => {
  const lines = readCapture('stream-200ms.csv').trim().split('\n');
  // The stream has no index column: prepend one as the loop query does.
  const columns = columnsFor(['index', ...STREAM_FIELDS]);
  const samples = lines.map((l) => parseSmiSampleRow(`0, ${l}`, columns));

  it('parses every row, with power from power.draw (never the instant reading)', () => {
    expect(samples.every((s) => s !== null)).toBe(true);
    expect(samples).toHaveLength(151);
    const first = samples[0]!;
    expect(first.powerW).toBe(124.53);
    expect(first.utilizationPercent).toBe(1);
    expect(first.memoryUsedBytes).toBe(0);
    expect(first.temperatureC).toBe(39);
    expect(first.clockSmMHz).toBe(1980);
    expect(first.pstate).toBe('P0');
    expect(first.energyCounterMJ).toBeNull();
    expect(first.fanPercent).toBeNull();
    // Row 30 of the capture: "2026/11/26 02:56:29.300, 0, 6509, 83.37, 119.96, 37, 1980, P0" (the model's memory is held).
    expect(samples[29]).toMatchObject({ memoryUsedBytes: 6509 * MIB, powerW: 83.37, temperatureC: 37 });
  });

  it("gives strictly increasing sampledAt from nvidia-smi's own timestamps", () => {
    const times = samples.map((s) => Date.parse(s!.sampledAt!));
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(29_000);
  });

  it('skips junk: Xid messages, torn rows, empty lines, a missing index', () => {
    for (const junk of [
      '',
      'Xid (PCI:0000:00:06): 13, pid=811, Graphics Exception',
      '0, 2026/11/26 02:56:',
      `x, ${lines[0]}`,
      `0, garbage, ${lines[0]!.split(', ').slice(1).join(', ')}`,
    ]) {
      expect(parseSmiSampleRow(junk, columns)).toBeNull();
    }
  });

  it('keeps bracketed values as null and reads decimal commas', () => {
    const row = parseSmiSampleRow(
      '0, 2026/11/26 02:56:23.476, [Unknown Error], 0, 124,53, 124,32, [N/A], 1980, P0',
      columns,
    )!;
    expect(row.utilizationPercent).toBeNull();
    expect(row.powerW).toBe(124.53);
    expect(row.temperatureC).toBeNull();
  });
});

describe('parseSmiInfoRow on the real 30-field query', () => {
  it('reads the static facts', () => {
    const [header, , plain] = readCapture('query.csv').trim().split('\n') as [string, string, string];
    const fields = header.split(', ').map((h) => h.replace(/ \[.*\]$/, ''));
    const info = parseSmiInfoRow(plain, columnsFor(fields))!;
    expect(info).toEqual({
      index: 0,
      name: 'NVIDIA H200',
      uuid: 'GPU-77396041-f2f3-df73-cd5b-873de9c35c72',
      driverVersion: '580.159.04',
      computeCapability: '9.0',
      memoryTotalBytes: 143771 * MIB,
      memoryBusWidthBits: null,
      maxMemoryClockMHz: null,
      powerLimitW: 700,
    });
  });
});
